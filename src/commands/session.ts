import { UsageError } from '../errors.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { liveEvents, openSession } from '../db/ledger-queries.js';

const OPEN = new Set(['open', '开始', '开启', '开']);
const CLOSE = new Set(['close', '结束', '关闭', '关']);
const MAX_NAME = 40;

async function open(ctx: CommandContext, words: string[]): Promise<string> {
  const name = words.join(' ').trim();
  if (!name) throw new UsageError('缺少课次名称');
  if (name.length > MAX_NAME) throw new UsageError(`课次名称最长 ${MAX_NAME} 个字`);
  const current = await openSession(ctx.db, ctx.campId);
  if (current) throw new UsageError(`课次「${current.ref}」还在进行中，请先 /session close`);
  if ((await liveEvents(ctx.db, ctx.campId, 'session_open', { ref: name })).length > 0) {
    throw new UsageError(`课次「${name}」已开过，请换一个名称`);
  }
  const event = await ctx.record({ type: 'session_open', ref: name });
  return `课次「${name}」已开始，学员可发送 /签到，已记录 #${event.id}`;
}

async function close(ctx: CommandContext): Promise<string> {
  const current = await openSession(ctx.db, ctx.campId);
  if (!current?.ref) throw new UsageError('当前没有进行中的课次');
  const attended = (await liveEvents(ctx.db, ctx.campId, 'checkin', { ref: current.ref })).length;
  const event = await ctx.record({ type: 'session', ref: current.ref });
  return `课次「${current.ref}」已结束，共 ${attended} 人签到，已记录 #${event.id}`;
}

/** `/session open <name>`, `/session close` — open or close an attendance session. */
export const sessionCommand: CommandSpec = {
  name: 'session',
  aliases: ['课次'],
  roles: ['trainer'],
  usage: '/session open <名称> | /session close',
  example: '/课次 开始 第3课',
  summary: '开始/结束一个签到课次',
  async run(ctx, [action, ...rest]) {
    const word = action?.toLowerCase() ?? '';
    if (OPEN.has(word)) return open(ctx, rest);
    if (CLOSE.has(word)) return close(ctx);
    throw new UsageError(action ? `不认识「${action}」，请用 open 或 close` : '缺少 open 或 close');
  },
};
