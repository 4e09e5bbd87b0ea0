import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { assignmentById } from '../db/ledger-queries.js';

const ASSIGNMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** A tag is a lower-case ASCII slug (`user-research`); anything else after the id is the title. */
const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `/assign <id> [tag] [title]` — create an assignment, optionally tagged. */
export const assignCommand: CommandSpec = {
  name: 'assign',
  aliases: ['布置'],
  roles: ['trainer'],
  usage: '/assign <作业id> [标签] [标题]',
  example: '/布置 a2 user-research 用户访谈报告',
  summary: '布置作业（标签为小写英文，如 user-research）',
  async run(ctx, [id, ...rest]) {
    if (id === undefined) throw new UsageError('缺少作业 id');
    if (!ASSIGNMENT_ID.test(id)) throw new UsageError(`作业 id「${id}」只能用字母、数字、- _ .，最长 32 位`);
    if (await assignmentById(ctx.db, ctx.campId, id)) throw new UsageError(`作业「${id}」已存在`);
    const tag = rest[0] !== undefined && TAG.test(rest[0]) ? rest[0] : null;
    const title = (tag === null ? rest : rest.slice(1)).join(' ').trim() || null;
    const event = await ctx.record({ type: 'assignment', ref: id, text: tag, note: title });
    const tagText = tag ? `，标签 ${tag}` : '';
    return `已布置作业「${id}」${title ? `《${title}》` : ''}${tagText}，已记录 #${event.id}。学员用 /提交 ${id} <链接或文字> 提交`;
  },
};
