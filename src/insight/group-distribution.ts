import type { StandingRow } from '../scoring/standings.js';
import { groupBy, placeholdersLast } from './group-by.js';
import { meanOf, medianOf } from './mean-of.js';

/** Composite bands: [0,20), [20,40), [40,60), [60,80), [80,100]. */
export const COMPOSITE_BANDS = ['0-20', '20-40', '40-60', '60-80', '80-100'] as const;

/** Who won what, as award selection reports it. */
export interface WinnerLike {
  award: string;
  userid: string;
}

/** Composite and award distribution of one group of learners (a department, a tenure group). */
export interface GroupDistribution {
  key: string;
  label: string;
  learners: number;
  meanComposite: number;
  medianComposite: number;
  /** Learners per composite band, in `COMPOSITE_BANDS` order. */
  bands: number[];
  /** Distinct learners with at least one award. */
  winners: number;
  /** Winners per award id (only awards with a winner in the group). */
  awards: Record<string, number>;
  /** Share of the group's learners with at least one award, 0–1 rounded to 2 decimals. */
  winnerShare: number;
}

function bandOf(composite: number): number {
  return Math.min(COMPOSITE_BANDS.length - 1, Math.max(0, Math.floor(composite / 20)));
}

/**
 * Splits learners into groups by `keyOf` and describes each group's composites and awards, groups in `order` first,
 * then the rest by key.
 */
export function distributionBy(
  rows: readonly StandingRow[],
  winners: readonly WinnerLike[],
  keyOf: (row: StandingRow) => string,
  labelOf: (key: string) => string = (key) => key,
  order: readonly string[] = [],
): GroupDistribution[] {
  const groups = groupBy(rows, keyOf);
  const rank = (key: string): number => (order.includes(key) ? order.indexOf(key) : order.length);
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || placeholdersLast(a, b));
  return keys.map((key) => describe(key, labelOf(key), groups.get(key)!, winners));
}

function describe(key: string, label: string, rows: StandingRow[], winners: readonly WinnerLike[]): GroupDistribution {
  const members = new Set(rows.map((r) => r.userid));
  const bands = COMPOSITE_BANDS.map(() => 0);
  for (const row of rows) bands[bandOf(row.composite)]! += 1;
  const awards: Record<string, number> = {};
  const winning = new Set<string>();
  for (const winner of winners) {
    if (!members.has(winner.userid)) continue;
    awards[winner.award] = (awards[winner.award] ?? 0) + 1;
    winning.add(winner.userid);
  }
  const composites = rows.map((r) => r.composite);
  return {
    key,
    label,
    learners: rows.length,
    meanComposite: meanOf(composites),
    medianComposite: medianOf(composites),
    bands,
    winners: winning.size,
    awards,
    winnerShare: meanOf(rows.map((r) => (winning.has(r.userid) ? 1 : 0))),
  };
}
