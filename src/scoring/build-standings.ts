import { METRIC_NAMES, type CampConfig, type MetricName } from '../camp/camp-config.js';
import { compareIds } from './competition-rank.js';
import { compositeOrder } from './composite-order.js';
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
 * The rounded value of a column for a learner index. Learners with the same raw value share one frozen object, which
 * keeps 100,000-learner standings small; small whole raw values (counts) are looked up by index, not in the map.
 */
function metricValues(column: MetricColumn): (i: number) => MetricValue {
  const byInteger: (MetricValue | undefined)[] = [];
  const byRaw = new Map<number, MetricValue>();
  const make = (raw: number): MetricValue =>
    Object.freeze({ raw: round2(raw), normalized: round2(clampPercent(column.normalize(raw))) });
  return (i) => {
    const raw = column.raw[i] ?? 0;
    if (Number.isInteger(raw) && raw >= 0 && raw < 4096) return (byInteger[raw] ??= make(raw));
    let value = byRaw.get(raw);
    if (!value) byRaw.set(raw, (value = make(raw)));
    return value;
  };
}

/** Composites by learner: the weighted mean of the assessed metrics' unrounded n, rounded. */
function composites(parts: StandingsParts, assessed: readonly MetricName[]): Float64Array {
  const size = parts.learners.length;
  const weighted = new Float64Array(size);
  // Metric by metric in METRIC_NAMES order: each learner's sum adds the same terms in the same order as row by row.
  for (const metric of assessed) {
    const { raw, normalize } = parts.columns[metric];
    const weight = parts.weights[metric];
    for (let i = 0; i < size; i++) weighted[i] = (weighted[i] ?? 0) + weight * clampPercent(normalize(raw[i] ?? 0));
  }
  const weightSum = assessed.reduce((sum, metric) => sum + parts.weights[metric], 0);
  for (let i = 0; i < size; i++) weighted[i] = weightSum > 0 ? round2((weighted[i] ?? 0) / weightSum) : 0;
  return weighted;
}

/** Composite, eligibility and competition ranks from per-metric columns (SPEC §6–7). */
export function buildStandings(parts: StandingsParts): Standings {
  const { learners, weights, columns } = parts;
  const assessed = METRIC_NAMES.filter((metric) => weights[metric] > 0 && columns[metric].hasData);
  const notAssessed = METRIC_NAMES.filter((metric) => weights[metric] > 0 && !columns[metric].hasData);
  const composite = composites(parts, assessed);
  const rows = rowsInOrder(parts, composite);
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

/**
 * One learner's values of the seven metrics as an object literal (one allocation with a fixed shape, where assigning
 * keys one by one costs several times more at 100,000 rows); keys in METRIC_NAMES order.
 */
function metricsOf(values: readonly ((i: number) => MetricValue)[], i: number): Record<string, MetricValue> {
  const metrics: Record<MetricName, MetricValue> = {
    completion: values[0]!(i),
    attendance: values[1]!(i),
    exam: values[2]!(i),
    assignment: values[3]!(i),
    project: values[4]!(i),
    practice: values[5]!(i),
    participation: values[6]!(i),
  };
  return metrics;
}

/** Every learner's row, best composite first (then by userid), with competition ranks (1, 2, 2, 4). */
function rowsInOrder(parts: StandingsParts, composite: Float64Array): StandingRow[] {
  const { learners, columns } = parts;
  const size = learners.length;
  const keys: string[] = [...METRIC_NAMES, ...[...parts.tagColumns.keys()].map((tag) => `assignment:${tag}`)];
  const values = [...METRIC_NAMES.map((metric) => columns[metric]), ...parts.tagColumns.values()].map(metricValues);
  const { minCompletion, minAttendance } = parts.config.eligibility;
  // With no closed session attendance cannot be held against anyone.
  const attendanceCounts = columns.attendance.hasData;
  const order = compositeOrder(composite, learners);
  const rows = new Array<StandingRow>(size);
  const fixed = values.slice(0, METRIC_NAMES.length);
  const tags = keys.slice(METRIC_NAMES.length).map((key, t) => [key, values[METRIC_NAMES.length + t]!] as const);
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const metrics = metricsOf(fixed, i);
    for (const [key, value] of tags) metrics[key] = value(i);
    const score = composite[i] ?? 0;
    const eligible = score > 0 && metrics.completion!.normalized >= minCompletion
      && (!attendanceCounts || metrics.attendance!.normalized >= minAttendance);
    const previous = rows[k - 1];
    const rank = previous !== undefined && previous.composite === score ? previous.rank : k + 1;
    const { userid, name, team } = learners[i]!;
    rows[k] = { userid, name, team, department: learners[i]!.department ?? null, rank, composite: score, eligible, metrics };
  }
  return rows;
}
