import { dedupeKey, isGroupMessage } from '../bot/inbound-message.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import type { CommandContext } from './command-spec.js';

/**
 * Gives `text` to the asker alone (SPEC §9: one learner's details only in private): in a 1:1 chat it is the answer;
 * from a group chat it is queued to the asker as an app message, in the command's transaction and once per message
 * (`purpose` names it in the outbox key), and the group is told only `groupNote`.
 * @example return answerPrivately(ctx, 'why', detail, '🔒 计分明细已私信发给你（个人明细不在群里公开）');
 */
export async function answerPrivately(ctx: CommandContext, purpose: string, text: string, groupNote: string): Promise<string> {
  if (!isGroupMessage(ctx.message)) return text;
  const payload = { touser: [ctx.user.userid], message: { msgtype: 'text' as const, content: text } };
  await enqueueOutbound(ctx.db, { campId: ctx.campId, kind: 'app', payload, dedupeKey: `${purpose}:${dedupeKey(ctx.message)}` }, ctx.now);
  return groupNote;
}
