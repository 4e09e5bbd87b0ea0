import { METRIC_NAMES, type CampConfig, type MetricName } from '../camp/camp-config.js';
import { compareIds, competitionRanks } from './competition-rank.js';
import { round2 } from './round.js';
import type { Learner, MetricValue, StandingRow, Standings, UngradedSubmission } from './standings.js';

/** One metric for every learner: raw values by learner index, how n follows from r, whether the camp has data. */
export interface MetricColumn {
  raw: ArrayLike<number>;
  normalize: (raw: number) => number;
  hasData: boolean;
}

export interface StandingsParts {
  config: CampConfig;
  learners: readonly Learner[];
  asOf: number;
  weights: Record<MetricName, number>;
  columns: Record<MetricName, MetricColumn>;
  tagColumns: Map<string, MetricColumn>;
  ungraded: UngradedSubmission[];
  touched: Uint8Array;
}

/** Clamps n into [0, 100]. */
export function clampPercent(n: number): number {
  return n < 0 ? 0 : n > 100 ? 100 : n;
}

/**
 * The rounded value for a raw value of a column. Learners with the same raw value share one frozen object, which
 * keeps 100,000-learner standings small.
 */
function metricValue(column: MetricColumn, raw: number, shared: Map<MetricColumn, Map<number, MetricValue>>): MetricValue {
  let cache = shared.get(column);
  if (!cache) {
    cache = new Map();
    shared.set(column, cache);
  }
  let value = cache.get(raw);
  if (!value) {
    value = Object.freeze({ raw: round2(raw), normalized: round2(clampPercent(column.normalize(raw))) });
    cache.set(raw, value);
  }
  return value;
}

/** Composite, eligibility and competition ranks from per-metric columns (SPEC §6–7). */
export function buildStandings(parts: StandingsParts): Standings {
  const { learners, weights, columns } = parts;
  const assessed = METRIC_NAMES.filter((metric) => weights[metric] > 0 && columns[metric].hasData);
  const notAssessed = METRIC_NAMES.filter((metric) => weights[metric] > 0 && !columns[metric].hasData);
  const rows = learners.map(rowBuilder(parts, assessed));
  rows.sort((a, b) => b.composite - a.composite || compareIds(a.userid, b.userid));
  const ranks = competitionRanks(rows, (a, b) => a.composite === b.composite);
  rows.forEach((row, i) => (row.rank = ranks[i] ?? i + 1));
  return {
    asOf: parts.asOf,
    weights: { ...weights },
    assessed,
    notAssessed,
    tags: [...parts.tagColumns.keys()],
    rows,
    ungraded: parts.ungraded,
    learnersWithoutEvents: learners.filter((_, i) => parts.touched[i] !== 1).map((learner) => learner.userid).sort(compareIds),
  };
}

/** Builds one learner's row: rounded metric values, composite from unrounded n, eligibility on rounded n. */
function rowBuilder(parts: StandingsParts, assessed: readonly MetricName[]): (learner: Learner, i: number) => StandingRow {
  const { weights, columns } = parts;
  const weightSum = assessed.reduce((sum, metric) => sum + weights[metric], 0);
  const counted = new Set(assessed);
  const tagKeys = [...parts.tagColumns].map(([tag, column]) => [`assignment:${tag}`, column] as const);
  const { minCompletion, minAttendance } = parts.config.eligibility;
  // With no closed session attendance cannot be held against anyone.
  const attendanceCounts = columns.attendance.hasData;
  const shared = new Map<MetricColumn, Map<number, MetricValue>>();
  return (learner, i) => {
    const metrics: Record<string, MetricValue> = {};
    let weighted = 0;
    for (const metric of METRIC_NAMES) {
      const column = columns[metric];
      const raw = column.raw[i] ?? 0;
      metrics[metric] = metricValue(column, raw, shared);
      if (counted.has(metric)) weighted += weights[metric] * clampPercent(column.normalize(raw));
    }
    for (const [key, column] of tagKeys) metrics[key] = metricValue(column, column.raw[i] ?? 0, shared);
    const composite = weightSum > 0 ? round2(weighted / weightSum) : 0;
    const eligible =
      composite > 0 &&
      (metrics.completion?.normalized ?? 0) >= minCompletion &&
      (!attendanceCounts || (metrics.attendance?.normalized ?? 0) >= minAttendance);
    const { userid, name, team } = learner;
    return { userid, name, team, department: learner.department ?? null, rank: 0, composite, eligible, metrics };
  };
}
