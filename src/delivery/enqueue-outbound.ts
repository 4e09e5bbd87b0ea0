import type Sqlite from 'better-sqlite3';
import { prepared } from '../db/prepared.js';
import type { Outbound } from './outbox-payload.js';

export type OutboundRequest = Outbound & {
  campId: string | null;
  /** Unique per message meant; a second enqueue with the same key is ignored (retries enqueue nothing new). */
  dedupeKey: string | null;
};

/**
 * Writes one outbound message to the outbox. Call INSIDE the transaction of the state change that causes it, so
 * the message exists exactly when the change does; the outbox worker delivers it.
 * @example enqueueOutbound(sqlite, { campId, kind: 'app', payload: { touser: ['zhangsan'], message: { msgtype: 'text',
 *   content: '你好' } }, dedupeKey: 'hello:zhangsan' }, now);
 */
export function enqueueOutbound(sqlite: Sqlite.Database, request: OutboundRequest, now: number): { id: number; duplicate: boolean } {
  const result = prepared(
    sqlite,
    `INSERT INTO outbox (camp_id, kind, payload, dedupe_key, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
  ).run(request.campId, request.kind, JSON.stringify(request.payload), request.dedupeKey, now, now);
  if (result.changes === 1) return { id: Number(result.lastInsertRowid), duplicate: false };
  const existing = prepared<[string | null], { id: number }>(sqlite, 'SELECT id FROM outbox WHERE dedupe_key = ?').get(request.dedupeKey)!;
  return { id: existing.id, duplicate: true };
}
