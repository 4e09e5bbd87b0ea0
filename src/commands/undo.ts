import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { eventById, revocationOf } from '../db/ledger-queries.js';
import { parseEventId } from './parse-values.js';

/** `/undo <event-id> <reason>` — revoke an event; the revocation is itself an event. */
export const undoCommand: CommandSpec = {
  name: 'undo',
  aliases: ['撤销'],
  roles: ['trainer'],
  usage: '/undo <事件编号> <原因>',
  example: '/撤销 #123 分数录错了',
  summary: '撤销一条记录（撤销本身也会记录）',
  async run(ctx, [idWord, ...words]) {
    const id = parseEventId(idWord);
    if (id === undefined) throw new UsageError(idWord === undefined ? '缺少事件编号' : `「${idWord}」不是事件编号（如 #123）`);
    const reason = words.join(' ').trim();
    if (!reason) throw new UsageError('请写明撤销原因');
    const target = await eventById(ctx.db, ctx.campId, id);
    if (!target) throw new UsageError(`本营没有事件 #${id}`);
    if (target.type === 'revoke') throw new UsageError(`#${id} 本身是一条撤销记录，不能再撤销`);
    if (target.type === 'weights') throw new UsageError(`权重调整 #${id} 不能撤销，请用 /权重 设回原来的值`);
    const earlier = await revocationOf(ctx.db, ctx.campId, id);
    if (earlier) throw new UsageError(`#${id} 已被 #${earlier.id} 撤销`);
    const event = await ctx.record({ type: 'revoke', revokes: id, text: reason });
    return `已撤销 #${id}，已记录 #${event.id}`;
  },
};
