import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { liveEvents, openSession } from '../db/ledger-queries.js';

/** `/checkin` — attendance for the open session, once per learner. */
export const checkinCommand: CommandSpec = {
  name: 'checkin',
  aliases: ['签到'],
  roles: ['learner'],
  usage: '/checkin',
  example: '/签到',
  summary: '为进行中的课次签到',
  async run(ctx) {
    const session = await openSession(ctx.db, ctx.campId);
    if (!session?.ref) throw new UsageError('当前没有进行中的课次，等老师开课后再签到');
    const [done] = await liveEvents(ctx.db, ctx.campId, 'checkin', { userid: ctx.user.userid, ref: session.ref });
    if (done) return `你已签到过「${session.ref}」（#${done.id}），无需重复签到`;
    const event = await ctx.record({ type: 'checkin', userid: ctx.user.userid, ref: session.ref });
    return `签到成功：「${session.ref}」，已记录 #${event.id}`;
  },
};
