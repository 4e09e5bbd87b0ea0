import type { RankAward } from '../camp/camp-config.js';
import { strengthOf } from '../insight/strength-of.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow } from '../scoring/standings.js';
import { awardGaps, awardSummary } from './award-gap.js';
import { eligibilityGaps } from './eligibility-gaps.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { learnerLabel, metricLines } from './format-metrics.js';

function eligibilityLine(ctx: CommandContext, row: StandingRow): string {
  return row.eligible ? '获奖资格：符合' : `获奖资格：暂不符合（${eligibilityGaps(ctx.camp, row).join('，')}）`;
}

/** `/me` — composite, rank, every metric with its raw value, eligibility and the gap to the nearest award. */
export const meCommand: CommandSpec = {
  name: 'me',
  aliases: ['我的'],
  roles: ['learner'],
  usage: '/me',
  example: '/我的',
  summary: '我的综合分、排名、各项指标与离奖项还差多少',
  async run(ctx) {
    const standings = await ctx.standings();
    const row = standings.rows.find((candidate) => candidate.userid === ctx.user.userid);
    if (!row) return '你不在本营学员名单中';
    const rankAwards = ctx.camp.awards.filter((award): award is RankAward => award.kind === 'rank');
    return [
      `${learnerLabel(row)} 综合分 ${formatScore(row.composite)}，第 ${row.rank} / ${standings.rows.length} 名`,
      ...metricLines(standings, row),
      eligibilityLine(ctx, row),
      awardSummary(awardGaps(standings, row, rankAwards), row.eligible),
      strengthOf(standings, row.userid, ctx.camp)?.text,
    ].filter((line) => line).join('\n');
  },
};
