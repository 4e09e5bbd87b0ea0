import type { Top } from '../camp/camp-config.js';

/** One winner of one award (SPEC §7); `team` and `rank` are null where they do not apply. */
export interface Winner {
  award: string;
  awardName: string;
  userid: string;
  team: string | null;
  rank: number | null;
  value: number;
}

/** How many ranks win: N, or max(1, ⌈population·P/100⌉). */
export function cutoff(top: Top, population: number): number {
  if ('count' in top) return top.count;
  return Math.max(1, Math.ceil((population * top.percent) / 100 - 1e-9));
}
