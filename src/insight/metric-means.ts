import type { MetricValue, StandingRow, Standings } from '../scoring/standings.js';
import { groupBy, placeholdersLast } from './group-by.js';
import { meanOf } from './mean-of.js';
import { metricKeysOf } from './metric-keys.js';

/** Mean raw and normalized value of every metric over one group's learners. */
export interface GroupMetricMeans {
  group: string;
  learners: number;
  means: Record<string, MetricValue>;
}


/**
 * Per group (team, department…) the mean of each metric over all its learners, zeros included, groups by name.
 * @example metricMeansBy(standings, (row) => row.team ?? NO_TEAM)
 */
export function metricMeansBy(standings: Standings, groupOf: (row: StandingRow) => string): GroupMetricMeans[] {
  const groups = groupBy(standings.rows, groupOf);
  const keys = metricKeysOf(standings);
  return [...groups.keys()].sort(placeholdersLast).map((group) => {
    const rows = groups.get(group)!;
    const means: Record<string, MetricValue> = {};
    for (const key of keys) {
      means[key] = {
        raw: meanOf(rows.map((r) => r.metrics[key]?.raw ?? 0)),
        normalized: meanOf(rows.map((r) => r.metrics[key]?.normalized ?? 0)),
      };
    }
    return { group, learners: rows.length, means };
  });
}
