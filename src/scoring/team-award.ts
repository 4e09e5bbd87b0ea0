import type { TeamAward } from '../camp/camp-config.js';
import { compareIds, competitionRanks } from './competition-rank.js';
import { round2 } from './round.js';
import type { StandingRow, Standings } from './standings.js';
import { valueOf } from './value-of.js';
import { cutoff, type Winner } from './winner.js';

export interface TeamValue {
  team: string;
  rank: number;
  value: number;
  members: StandingRow[];
}

/** Teams of at least two enrolled learners valued by the mean of all members, best first, teams valued 0 left out. */
export function rankTeams(standings: Standings, ref: TeamAward['team']): TeamValue[] {
  const groups = new Map<string, StandingRow[]>();
  for (const row of standings.rows) {
    if (row.team === null) continue;
    const members = groups.get(row.team);
    if (members) members.push(row);
    else groups.set(row.team, [row]);
  }
  const teams: Omit<TeamValue, 'rank'>[] = [];
  for (const [team, members] of groups) {
    if (members.length < 2) continue;
    const value = round2(members.reduce((sum, row) => sum + valueOf(row, ref), 0) / members.length);
    if (value > 0) teams.push({ team, value, members });
  }
  teams.sort((a, b) => b.value - a.value || compareIds(a.team, b.team));
  const ranks = competitionRanks(teams, (a, b) => a.value === b.value);
  return teams.map((team, i) => ({ ...team, rank: ranks[i] ?? i + 1 }));
}

/** `team: <metric>, top: N`: every eligible member of a team ranked within N wins. */
export function teamAwardWinners(award: TeamAward, standings: Standings): Winner[] {
  const teams = rankTeams(standings, award.team);
  const k = cutoff(award.top, teams.length);
  const winners: Winner[] = [];
  for (const team of teams) {
    if (team.rank > k) continue;
    for (const member of team.members) {
      if (!member.eligible) continue;
      winners.push({ award: award.id, awardName: award.name, userid: member.userid, team: team.team, rank: team.rank, value: team.value });
    }
  }
  return winners;
}
