import { compareIds, competitionRanks } from '../scoring/competition-rank.js';
import { formatScore, round2 } from '../scoring/round.js';
import type { StandingRow } from '../scoring/standings.js';
import type { CommandSpec } from './command-spec.js';

interface TeamLine {
  team: string;
  size: number;
  mean: number;
  best: StandingRow;
}

function teamLines(rows: readonly StandingRow[]): TeamLine[] {
  const groups = new Map<string, StandingRow[]>();
  for (const row of rows) {
    if (row.team === null) continue;
    const members = groups.get(row.team);
    if (members) members.push(row);
    else groups.set(row.team, [row]);
  }
  const teams = [...groups].map(([team, members]): TeamLine => ({
    team,
    size: members.length,
    mean: round2(members.reduce((sum, row) => sum + row.composite, 0) / members.length),
    best: members[0]!,
  }));
  return teams.sort((a, b) => b.mean - a.mean || compareIds(a.team, b.team));
}

/** `/team` — teams ranked by the mean composite of their members. */
export const teamCommand: CommandSpec = {
  name: 'team',
  aliases: ['团队'],
  roles: 'all',
  usage: '/team',
  example: '/团队',
  summary: '各团队平均综合分排行',
  async run(ctx) {
    const { rows } = await ctx.standings();
    const teams = teamLines(rows);
    if (teams.length === 0) return '名单里还没有分组';
    const ranks = competitionRanks(teams, (a, b) => a.mean === b.mean);
    const mine = rows.find((row) => row.userid === ctx.user.userid)?.team ?? null;
    const lines = teams.map((t, i) => {
      const marker = t.team === mine ? ' ← 你的团队' : '';
      return `${ranks[i]}. ${t.team}（${t.size} 人）平均 ${formatScore(t.mean)}，最高 ${t.best.name} ${formatScore(t.best.composite)}${marker}`;
    });
    return ['团队排行（按成员平均综合分）', ...lines].join('\n');
  },
};
