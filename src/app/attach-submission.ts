import { dedupeKey, happenedAt, type InboundMessage, type Reply } from '../bot/inbound-message.js';
import type { Db } from '../db/db.js';
import { appendEvent } from '../db/ledger.js';
import { takePendingSubmission } from '../db/pending-submissions.js';

const ATTACHABLE = new Set(['image', 'link', 'file', 'mixed']);

/**
 * An image or link message right after `/submit <assignment>` (same user, within the follow-up window) becomes that
 * submission. Returns the answer, or null when the message is not such a follow-up.
 */
export async function attachSubmission(tx: Db, message: InboundMessage, campId: string | null, now: number): Promise<Reply | null> {
  if (!ATTACHABLE.has(message.kind) || !message.url) return null;
  const pending = await takePendingSubmission(tx, message.from.userid, campId, now);
  if (!pending) return null;
  const content = [message.title?.trim(), message.url].filter(Boolean).join(' ');
  const event = await appendEvent(
    tx,
    {
      campId: pending.campId,
      type: 'submission',
      userid: pending.userid,
      ref: pending.assignment,
      text: content,
      actor: pending.userid,
      source: 'chat',
      happenedAt: happenedAt(message),
      dedupeKey: `command:${dedupeKey(message)}:0`,
    },
    now,
  );
  return { text: `已提交作业「${pending.assignment}」，提交编号 #${event.id}（互评：/互评 #${event.id} <分数>）` };
}
