import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { findSubmission } from './find-submission.js';
import { liveEvents } from '../db/ledger-queries.js';
import { parseScore } from './parse-values.js';

/** `/review <submission> <score> [comment]` — a peer review; a second one by the same reviewer replaces the first. */
export const reviewCommand: CommandSpec = {
  name: 'review',
  aliases: ['互评'],
  roles: ['learner'],
  usage: '/review <提交编号 | 作业id @作者> <0-100 或 1星…5星> [评语]',
  example: '/互评 #42 4星 案例很实用',
  summary: '给同学的作业互评（不能评自己）',
  async run(ctx, args) {
    const { submission, rest } = await findSubmission(ctx, args);
    if (submission.userid === ctx.user.userid) throw new UsageError('不能互评自己的作业');
    const [value, ...comment] = rest;
    const score = parseScore(value, { stars: true });
    const earlier = (await liveEvents(ctx.db, ctx.campId, 'review', {
      userid: submission.userid,
      ref: submission.ref,
      actor: ctx.user.userid,
    })).at(-1);
    const event = await ctx.record({
      type: 'review',
      userid: submission.userid,
      num: score,
      ref: submission.ref,
      text: comment.join(' ') || null,
    });
    const replaced = earlier ? `（替换你之前的互评 #${earlier.id}）` : '';
    return `已记录互评 #${event.id}：作业「${submission.ref}」${score} 分${replaced}`;
  },
};
