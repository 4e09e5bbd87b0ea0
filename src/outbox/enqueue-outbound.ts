import type { Db } from '../db/db.js';
import { insertOutbox } from '../db/outbox-store.js';
import type { Outbound } from './outbox-payload.js';

export type OutboundRequest = Outbound & {
  campId: string | null;
  /** Unique per message meant; a second enqueue with the same key is ignored (retries enqueue nothing new). */
  dedupeKey: string | null;
};

/**
 * Writes one outbound message to the outbox. Call INSIDE the transaction of the state change that causes it, so
 * the message exists exactly when the change does; the outbox worker delivers it.
 * @example await enqueueOutbound(tx, { campId, kind: 'app', payload: { touser: ['zhangsan'], message: { msgtype: 'text',
 *   content: '你好' } }, dedupeKey: 'hello:zhangsan' }, now);
 */
export function enqueueOutbound(db: Db, request: OutboundRequest, now: number): Promise<{ id: number; duplicate: boolean }> {
  return insertOutbox(db, request, now);
}
