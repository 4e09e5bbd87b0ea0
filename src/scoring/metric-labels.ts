import type { MetricName, ValueRef } from '../camp/camp-config.js';

/** Chinese names of the metrics, as users see them. */
export const METRIC_LABELS: Record<MetricName, string> = {
  completion: '完课',
  attendance: '出勤',
  exam: '考试',
  assignment: '作业',
  project: '项目',
  practice: '实践',
  participation: '参与',
};

/**
 * A value reference as users see it.
 * @example labelOf('assignment:user-research') // '作业（user-research）'
 */
export function labelOf(ref: ValueRef): string {
  if (ref === 'composite') return '综合分';
  if (ref.startsWith('assignment:')) return `作业（${ref.slice('assignment:'.length)}）`;
  return METRIC_LABELS[ref as MetricName] ?? ref;
}
