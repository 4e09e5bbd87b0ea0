import { claimKey, prizeClaims, unclaimedPrizes } from '../db/prize-claims.js';
import { currentPublication } from '../db/publication-store.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { resolveUser } from './resolve-user.js';

async function claim(ctx: CommandContext, [who, ...awardWords]: string[]): Promise<string> {
  const wanted = awardWords.join(' ').trim();
  if (!who || !wanted) throw new UsageError('请写明学员和奖项');
  const publication = await currentPublication(ctx.db, ctx.campId);
  if (!publication) throw new UsageError('本营还没有发布获奖结果');
  const learner = await resolveUser(ctx, who);
  const award = ctx.camp.awards.find((a) => a.id === wanted || a.name === wanted);
  if (!award) throw new UsageError(`没有奖项「${wanted}」，可选：${ctx.camp.awards.map((a) => a.id).join('、')}`);
  const won = publication.result.winners.some((w) => w.userid === learner.userid && w.award === award.id);
  if (!won) throw new UsageError(`${learner.name} 没有获得「${award.name}」`);
  const earlier = (await prizeClaims(ctx.db, ctx.campId, ctx.now)).get(claimKey(learner.userid, award.id));
  if (earlier !== undefined) return `${learner.name} 的「${award.name}」奖品已登记过领取（#${earlier}），未重复记录`;
  const event = await ctx.record({ type: 'prize_claimed', userid: learner.userid, ref: award.id });
  return `✅ 已登记 ${learner.name} 领取「${award.name}」奖品，已记录 #${event.id}`;
}

/** `/prize claimed @user <award>` — records that a winner received their prize. */
export const prizeClaimedCommand: CommandSpec = {
  name: 'prize claimed',
  aliases: ['领奖'],
  roles: ['admin', 'trainer'],
  usage: '/prize claimed @学员 <奖项ID或名称>',
  example: '/领奖 @张三 all-round',
  summary: '登记获奖学员已领取奖品',
  run: (ctx, args) => claim(ctx, args),
};

/** `/prize list` — the prizes of the published result not yet handed over. */
export const prizeListCommand: CommandSpec = {
  name: 'prize list',
  aliases: ['领奖 列表', '奖品 列表'],
  roles: ['admin', 'trainer'],
  usage: '/prize list',
  example: '/领奖 列表',
  summary: '列出还未领取的奖品',
  async run(ctx) {
    if (!(await currentPublication(ctx.db, ctx.campId))) return '本营还没有发布获奖结果';
    const open = await unclaimedPrizes(ctx.db, ctx.campId, ctx.now);
    if (open.length === 0) return '🎉 所有奖品都已登记领取';
    const lines = open.map((w) => `· ${w.name}(${w.userid}) ${w.awardName}：${w.prize}`);
    return [`🎁 未领取的奖品（${open.length} 份）：`, ...lines, '发放后发送 /领奖 @学员 <奖项ID> 登记'].join('\n');
  },
};
