/**
 * Competition ranks (1, 2, 2, 4) for items already sorted best first; `same` says two neighbours tie.
 * @example competitionRanks([90, 80, 80, 70], (a, b) => a === b) // [1, 2, 2, 4]
 */
export function competitionRanks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i] as T;
    ranks.push(i > 0 && previous !== undefined && same(previous, current) ? (ranks[i - 1] ?? 1) : i + 1);
  }
  return ranks;
}

/** Ascending code-unit order, the order userids are listed in. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
