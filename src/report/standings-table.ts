import { METRIC_NAMES } from '../camp/camp-config.js';
import { labelOf } from '../scoring/metric-labels.js';
import { formatScore } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import { formatTable } from './format-table.js';

/** The readable table: rank, learner, team, composite and each metric's normalized value. */
export function standingsTable(standings: Standings): string[] {
  const keys = [...METRIC_NAMES, ...standings.tags.map((tag) => `assignment:${tag}` as const)];
  const header = ['排名', '学员', 'userid', '团队', '综合分', ...keys.map((key) => labelOf(key))];
  const body = standings.rows.map((row) => [
    String(row.rank), row.name, row.userid, row.team ?? '-', formatScore(row.composite),
    ...keys.map((key) => formatScore(row.metrics[key]?.normalized ?? 0)),
  ]);
  const numeric = new Set([0, ...header.map((_, i) => i).filter((i) => i >= 4)]);
  return formatTable([header, ...body], numeric);
}
