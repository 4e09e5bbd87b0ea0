import type { MetricName } from '../camp/camp-config.js';

/** A metric of the composite, or the assignment score over one tag. */
export type MetricKey = MetricName | `assignment:${string}`;

/** Raw value r and normalized value n in [0, 100], both rounded to 2 decimals. */
export interface MetricValue {
  raw: number;
  normalized: number;
}

/** An enrolled learner as scoring sees them. */
export interface Learner {
  userid: string;
  name: string;
  team: string | null;
  department?: string | null;
}

export interface StandingRow {
  userid: string;
  name: string;
  team: string | null;
  department: string | null;
  /** Competition rank (1, 2, 2, 4) by rounded composite. */
  rank: number;
  composite: number;
  eligible: boolean;
  /** Every metric of `METRIC_NAMES`, plus `assignment:<tag>` for each tag in `Standings.tags`. */
  metrics: Record<string, MetricValue>;
}

export interface UngradedSubmission {
  assignment: string;
  userid: string;
}

/** The composite table as of `asOf` (SPEC §6). */
export interface Standings {
  asOf: number;
  /** Weights in force (the camp file's, overridden by the latest `/weights`). */
  weights: Record<MetricName, number>;
  /** Metrics with weight > 0 and data, which make up the composite. */
  assessed: MetricName[];
  /** Metrics with weight > 0 but no data yet, left out of the composite. */
  notAssessed: MetricName[];
  tags: string[];
  /** Sorted by rank, then userid. */
  rows: StandingRow[];
  ungraded: UngradedSubmission[];
  learnersWithoutEvents: string[];
}
