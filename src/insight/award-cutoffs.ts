import type { AwardRule, CampConfig, RankAward } from '../camp/camp-config.js';
import { round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import { valueOf } from '../scoring/value-of.js';
import { cutoff as placesOf } from '../scoring/winner.js';

/** Where a rank award stands now: the value its k-th place holds. */
export interface AwardCutoff {
  award: RankAward;
  /** Places the rule gives (SPEC §7 k). */
  k: number;
  /** Eligible learners with a value > 0. */
  population: number;
  /**
   * The value the k-th place holds now; reaching it puts a learner in the award (ties at the cut-off win, a tie-break
   * aside). 0 when fewer than k learners compete, so any value > 0 is enough.
   */
  cutoff: number;
}

// A daily nudge asks once per learner: sort each award's population once per standings.
const cache = new WeakMap<Standings, WeakMap<readonly AwardRule[], AwardCutoff[]>>();

/**
 * The current cut-off of every rank award (team and improvement awards have none).
 * @example awardCutoffs(camp, standings)[0] // { award: all-round, k: 2, population: 12, cutoff: 81.5 }
 */
export function awardCutoffs(config: Pick<CampConfig, 'awards'>, standings: Standings): AwardCutoff[] {
  const cached = cache.get(standings)?.get(config.awards);
  if (cached) return cached;
  const cutoffs: AwardCutoff[] = [];
  for (const award of config.awards) {
    if (award.kind !== 'rank') continue;
    const values = standings.rows
      .filter((r) => r.eligible)
      .map((r) => round2(valueOf(r, award.rank)))
      .filter((v) => v > 0)
      .sort((a, b) => b - a);
    const k = placesOf(award.top, values.length);
    cutoffs.push({ award, k, population: values.length, cutoff: values.length >= k ? values[k - 1]! : 0 });
  }
  const byAwards = cache.get(standings) ?? new WeakMap();
  cache.set(standings, byAwards.set(config.awards, cutoffs));
  return cutoffs;
}

/** True when `value` reaches the cut-off (and is > 0, as every award's population requires). */
export function reachesCutoff(value: number, cutoff: AwardCutoff): boolean {
  const rounded = round2(value);
  return rounded > 0 && rounded >= cutoff.cutoff;
}
