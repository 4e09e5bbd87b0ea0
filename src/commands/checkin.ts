import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { liveEvents, openSession } from './ledger-queries.js';

/** `/checkin` — attendance for the open session, once per learner. */
export const checkinCommand: CommandSpec = {
  name: 'checkin',
  aliases: ['签到'],
  roles: ['learner'],
  usage: '/checkin',
  example: '/签到',
  summary: '为进行中的课次签到',
  run(ctx) {
    const session = openSession(ctx.sqlite, ctx.campId);
    if (!session?.ref) throw new UsageError('当前没有进行中的课次，等老师开课后再签到');
    const done = liveEvents(ctx.sqlite, ctx.campId, 'checkin', { userid: ctx.user.userid, ref: session.ref })[0];
    if (done) return `你已签到过「${session.ref}」（#${done.id}），无需重复签到`;
    const event = ctx.record({ type: 'checkin', userid: ctx.user.userid, ref: session.ref });
    return `签到成功：「${session.ref}」，已记录 #${event.id}`;
  },
};
