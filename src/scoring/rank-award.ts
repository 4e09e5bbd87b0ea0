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
  const { rows } = standings;
  const values = new Float64Array(rows.length).fill(Number.NaN);
  let population = 0;
  rows.forEach((row, i) => {
    if (!row.eligible) return;
    const value = round2(valueOf(row, award.rank));
    if (value > 0) {
      values[i] = value;
      population += 1;
    }
  });
  const k = cutoff(award.top, population);
  const threshold = reach(values, population, k);
  const contenders: Candidate[] = [];
  rows.forEach((row, i) => {
    const value = values[i] ?? Number.NaN;
    if (value >= threshold) contenders.push({ row, value, tie: award.tieBreak ? round2(valueOf(row, award.tieBreak)) : 0 });
  });
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
 * The k-th best of the candidates' values (NaN marks a non-candidate): everyone below it has at least k learners
 * strictly ahead, so cannot win, and leaving them out changes no rank of those kept. Saves building and sorting a
 * 100,000-learner population.
 */
function reach(values: Float64Array, population: number, k: number): number {
  if (k >= population) return -Infinity;
  // NaN sorts last in a typed array.
  const sorted = values.slice().sort();
  return sorted[population - k] ?? -Infinity;
}
