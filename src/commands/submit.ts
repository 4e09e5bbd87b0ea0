import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { assignmentIds } from '../db/ledger-queries.js';
import { awaitFollowUp } from '../db/pending-submissions.js';

/** How long after `/submit <assignment>` an image or link message still counts as that submission. */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

const MAX_CONTENT = 2000;

/** `/submit <assignment> <link or text>`; `/submit <assignment>` alone waits for an image or link message. */
export const submitCommand: CommandSpec = {
  name: 'submit',
  aliases: ['提交'],
  roles: ['learner'],
  usage: '/submit <作业id> <链接或文字>（或先发 /submit <作业id>，再发图片/链接）',
  example: '/提交 a1 https://docs.qq.com/doc/xxx',
  summary: '提交作业，回复提交编号',
  async run(ctx, [assignment, ...words]) {
    const known = await assignmentIds(ctx.db, ctx.campId);
    if (assignment === undefined) throw new UsageError(`缺少作业 id${known.length ? `（当前作业：${known.join('、')}）` : ''}`);
    if (!known.includes(assignment)) {
      throw new UsageError(`没有作业「${assignment}」${known.length ? `，当前作业：${known.join('、')}` : '，老师还没有布置作业'}`);
    }
    const content = [words.join(' ').trim(), ctx.message.url ?? ''].filter(Boolean).join(' ');
    if (!content) {
      await awaitFollowUp(ctx.db, { campId: ctx.campId, userid: ctx.user.userid, assignment, expiresAt: ctx.now + FOLLOW_UP_WINDOW_MS });
      return `请在 ${FOLLOW_UP_WINDOW_MS / 60_000} 分钟内发送图片或链接，作为作业「${assignment}」的提交`;
    }
    if (content.length > MAX_CONTENT) throw new UsageError(`提交内容最长 ${MAX_CONTENT} 字，请改发链接`);
    const event = await ctx.record({ type: 'submission', userid: ctx.user.userid, ref: assignment, text: content });
    return `已提交作业「${assignment}」，提交编号 #${event.id}（互评：/互评 #${event.id} <分数>）`;
  },
};
