import type { MetricName, Role } from '../../../src/console/api-types';

/** Scores always show 2 decimals. */
export const score = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value.toFixed(2));

export const METRIC_LABELS: Record<MetricName, string> = {
  completion: '完课', attendance: '出勤', exam: '考试', assignment: '作业', project: '项目', practice: '实践', participation: '参与',
};

export const METRICS = Object.keys(METRIC_LABELS) as MetricName[];

/** `assignment:user-research` → `作业（user-research）`. */
export function metricLabel(key: string): string {
  if (key.startsWith('assignment:')) return `作业（${key.slice('assignment:'.length)}）`;
  return METRIC_LABELS[key as MetricName] ?? key;
}

export const ROLE_LABELS: Record<Role, string> = { learner: '学员', trainer: '培训老师', manager: '部门负责人', admin: '管理员' };

const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' });

/** `11月24日 15:30` in the camp's zone (China). */
export const when = (isoText: string): string => dateTime.format(new Date(isoText));
export const day = (isoText: string): string => dateOnly.format(new Date(isoText));

export const EVENT_LABELS: Record<string, string> = {
  lesson: '完课', session_open: '开课', session: '课次结束', checkin: '签到', exam: '考试', project: '项目分', practice: '实践案例',
  participation: '群内参与', assignment: '布置作业', submission: '提交作业', grade: '老师批改', review: '同学互评', revoke: '撤销',
  weights: '调整权重', prize_claimed: '领奖',
};
