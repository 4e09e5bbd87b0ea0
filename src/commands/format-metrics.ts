import { METRIC_NAMES, type MetricName } from '../camp/camp-config.js';
import { METRIC_LABELS } from '../scoring/metric-labels.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow, Standings } from '../scoring/standings.js';

const UNITS: Partial<Record<MetricName, string>> = {
  completion: '课',
  attendance: '次',
  project: '分',
  practice: '个',
  participation: '次',
};

/**
 * One metric of a learner as a line: label, raw value (with unit), normalized value and weight.
 * @example metricLine(standings, row, 'practice') // '实践：2.00 个 → 66.67（权重 10）'
 */
export function metricLine(standings: Standings, row: StandingRow, metric: MetricName): string {
  const value = row.metrics[metric] ?? { raw: 0, normalized: 0 };
  const unit = UNITS[metric];
  const shown = unit ? `${formatScore(value.raw)} ${unit} → ${formatScore(value.normalized)}` : formatScore(value.raw);
  const weight = standings.weights[metric];
  const status = weight === 0 ? '不计入综合分' : standings.assessed.includes(metric) ? `权重 ${weight}` : `权重 ${weight}，暂无数据未计入`;
  return `${METRIC_LABELS[metric]}：${shown}（${status}）`;
}

/** Every metric of a learner, one line each. */
export function metricLines(standings: Standings, row: StandingRow): string[] {
  return METRIC_NAMES.map((metric) => metricLine(standings, row, metric));
}

/** `张三（A组）` */
export function learnerLabel(row: { name: string; team: string | null }): string {
  return row.team ? `${row.name}（${row.team}）` : row.name;
}
