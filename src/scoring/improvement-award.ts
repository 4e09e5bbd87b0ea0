import type { ImprovementAward } from '../camp/camp-config.js';
import { round2 } from './round.js';
import type { Standings } from './standings.js';
import { normalizedOf } from './value-of.js';
import type { Winner } from './winner.js';

/**
 * `improvement`: eligible learners whose n was ≤ max as of `from.at` and is ≥ min now; the value is the gain.
 * `before` are the standings as of `from.at` (or now, when that time has not come yet).
 */
export function improvementWinners(award: ImprovementAward, standings: Standings, before: Standings): Winner[] {
  const { metric, from, to } = award.improvement;
  const reached = standings.rows.filter((row) => row.eligible && normalizedOf(row, metric) >= to.min);
  const wanted = new Set(reached.map((row) => row.userid));
  const earlier = new Map<string, number>();
  for (const row of before.rows) if (wanted.has(row.userid)) earlier.set(row.userid, normalizedOf(row, metric));
  const winners: Winner[] = [];
  for (const row of reached) {
    // A learner missing from the earlier table had no standing then: 0.
    const then = earlier.get(row.userid) ?? 0;
    const now = normalizedOf(row, metric);
    if (then <= from.max) {
      winners.push({ award: award.id, awardName: award.name, userid: row.userid, team: null, rank: null, value: round2(now - then) });
    }
  }
  return winners;
}
