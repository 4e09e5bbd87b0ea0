import type { StandingRow, Standings } from '../scoring/standings.js';

interface Index {
  byUser: Map<string, StandingRow>;
  /** Per metric, every learner's normalized value, descending. */
  sorted: Map<string, number[]>;
}

// Standings are immutable once computed, so per-learner calls in a daily batch share one index. It is keyed by the
// rows, which copies of the same standings (the standings cache hands out `{ ...standings, asOf }`) share.
const indexes = new WeakMap<readonly StandingRow[], Index>();

function indexOf(standings: Standings): Index {
  let index = indexes.get(standings.rows);
  if (!index) {
    index = { byUser: new Map(standings.rows.map((r) => [r.userid, r])), sorted: new Map() };
    indexes.set(standings.rows, index);
  }
  return index;
}

/** A learner's row, found in O(1) after the first call on these standings. */
export function rowOf(standings: Standings, userid: string): StandingRow | undefined {
  return indexOf(standings).byUser.get(userid);
}

/** How many learners have a normalized value ≥ `value` on `metric` (binary search over a cached sorted list). */
export function countAtOrAbove(standings: Standings, metric: string, value: number): number {
  const index = indexOf(standings);
  let sorted = index.sorted.get(metric);
  if (!sorted) {
    sorted = standings.rows.map((r) => r.metrics[metric]?.normalized ?? 0).sort((a, b) => b - a);
    index.sorted.set(metric, sorted);
  }
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! >= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
