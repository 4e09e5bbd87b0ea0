import type { CampConfig } from '../camp/camp-config.js';
import { earlyImprovementWarning, noWinnerWarning, standingsWarnings } from './award-warnings.js';
import { compareIds } from './competition-rank.js';
import { improvementWinners } from './improvement-award.js';
import { rankAwardWinners } from './rank-award.js';
import type { Standings } from './standings.js';
import { teamAwardWinners } from './team-award.js';
import type { Winner } from './winner.js';

export interface SelectAwardsInput {
  config: CampConfig;
  /** Standings as of the award time. */
  standings: Standings;
  /** Standings as of an earlier instant, for improvement awards. */
  standingsAt: (ms: number) => Standings;
}

export interface AwardSelection {
  /** In the file's award order, then by rank, then by userid. */
  winners: Winner[];
  warnings: string[];
}

/**
 * Applies every award rule of the camp (SPEC §7) to the standings.
 * @example selectAwards({ config, standings, standingsAt: (ms) => computeStandings({ config, learners, facts, asOf: ms }) })
 */
export function selectAwards({ config, standings, standingsAt }: SelectAwardsInput): AwardSelection {
  const warnings = standingsWarnings(standings);
  const earlier = new Map<number, Standings>();
  const winners: Winner[] = [];
  for (const award of config.awards) {
    let found: Winner[];
    if (award.kind === 'rank') found = rankAwardWinners(award, standings);
    else if (award.kind === 'team') found = teamAwardWinners(award, standings);
    else {
      const at = award.improvement.from.atMs;
      if (at > standings.asOf) warnings.push(earlyImprovementWarning(award));
      const before = at >= standings.asOf ? standings : (earlier.get(at) ?? standingsAt(at));
      earlier.set(at, before);
      found = improvementWinners(award, standings, before);
    }
    if (found.length === 0) warnings.push(noWinnerWarning(award));
    found.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareIds(a.userid, b.userid));
    winners.push(...found);
  }
  return { winners, warnings };
}
