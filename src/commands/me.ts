import type { RankAward } from '../camp/camp-config.js';
import { strengthOf } from '../insight/strength-of.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow } from '../scoring/standings.js';
import { awardGaps, awardSummary } from './award-gap.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { learnerLabel, metricLines } from './format-metrics.js';

function eligibilityLine(ctx: CommandContext, row: StandingRow): string {
  if (row.eligible) return '获奖资格：符合';
  const { minCompletion, minAttendance } = ctx.camp.eligibility;
  const missing: string[] = [];
  if (row.composite <= 0) missing.push('综合分需大于 0');
  const completion = row.metrics.completion?.normalized ?? 0;
  if (completion < minCompletion) missing.push(`完课 ${formatScore(completion)} < ${minCompletion}`);
  const attendance = row.metrics.attendance?.normalized ?? 0;
  if (attendance < minAttendance) missing.push(`出勤 ${formatScore(attendance)} < ${minAttendance}`);
  return `获奖资格：暂不符合（${missing.join('，') || '未达要求'}）`;
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
