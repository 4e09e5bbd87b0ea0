import type { RankAward } from '../camp/camp-config.js';
import { compareIds, competitionRanks } from './competition-rank.js';
import { round2 } from './round.js';
import type { StandingRow, Standings } from './standings.js';
import { valueOf } from './value-of.js';
import { cutoff, type Winner } from './winner.js';

interface Candidate {
  row: StandingRow;
  value: number;
  tie: number;
}

/**
 * `rank: <value>, top: P% | N`: eligible learners with value > 0, competition-ranked by (value, tie-break);
 * everyone ranked within the cut-off wins, so ties at the cut-off all win.
 */
export function rankAwardWinners(award: RankAward, standings: Standings): Winner[] {
  const population: Candidate[] = [];
  for (const row of standings.rows) {
    if (!row.eligible) continue;
    const value = round2(valueOf(row, award.rank));
    if (value > 0) population.push({ row, value, tie: award.tieBreak ? round2(valueOf(row, award.tieBreak)) : 0 });
  }
  const k = cutoff(award.top, population.length);
  const contenders = withinReach(population, k);
  contenders.sort((a, b) => b.value - a.value || b.tie - a.tie || compareIds(a.row.userid, b.row.userid));
  const ranks = competitionRanks(contenders, (a, b) => a.value === b.value && a.tie === b.tie);
  const winners: Winner[] = [];
  contenders.forEach((candidate, i) => {
    const rank = ranks[i] ?? i + 1;
    if (rank > k) return;
    winners.push({ award: award.id, awardName: award.name, userid: candidate.row.userid, team: null, rank, value: candidate.value });
  });
  return winners;
}

/**
 * Candidates whose value reaches the k-th best value; everyone below it has at least k learners strictly ahead, so
 * cannot win, and leaving them out changes no rank of those kept. Saves sorting a 100,000-learner population.
 */
function withinReach(population: Candidate[], k: number): Candidate[] {
  if (k >= population.length) return population;
  const values = Float64Array.from(population, (candidate) => candidate.value).sort();
  const threshold = values[population.length - k] ?? -Infinity;
  return population.filter((candidate) => candidate.value >= threshold);
}
