import type { CommandSpec } from './command-spec.js';
import { findSubmission } from './find-submission.js';
import { parseScore } from './parse-values.js';
import { nameOf } from './resolve-user.js';

/** `/grade <submission> <0-100> [comment]` — the trainer's grade for a submission. */
export const gradeCommand: CommandSpec = {
  name: 'grade',
  aliases: ['批改'],
  roles: ['trainer'],
  usage: '/grade <提交编号 | 作业id @作者> <0-100> [评语]',
  example: '/批改 #42 90 结构清晰',
  summary: '给作业提交打分',
  async run(ctx, args) {
    const { submission, rest } = await findSubmission(ctx, args);
    const [value, ...comment] = rest;
    const score = parseScore(value);
    const event = await ctx.record({
      type: 'grade',
      userid: submission.userid,
      num: score,
      ref: submission.ref,
      text: comment.join(' ') || null,
    });
    return `已记录 #${event.id}：提交 #${submission.id}（${await nameOf(ctx, submission.userid)}，作业「${submission.ref}」）批改 ${score} 分`;
  },
};
