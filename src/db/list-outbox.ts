import { executorOf, type Db } from './db.js';

/** One outbox row as stored, its payload parsed (null once retention emptied a sent row's payload). */
export interface OutboxRow {
  id: number;
  campId: string | null;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

const COLUMNS = `id, camp_id AS "campId", kind, payload, dedupe_key AS "dedupeKey", status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"`;

/**
 * The outbox in queueing order (oldest first), optionally of one camp: what was queued and how its delivery went.
 * @example (await listOutbox(store, { campId: 'ai-2026q4' })).map((row) => row.dedupeKey)
 */
export async function listOutbox(db: Db, filter: { campId?: string } = {}): Promise<OutboxRow[]> {
  const where = filter.campId === undefined ? '' : 'WHERE camp_id = ?';
  const rows = await executorOf(db).all<OutboxRow & { payload: string }>(
    `SELECT ${COLUMNS} FROM outbox ${where} ORDER BY id`,
    filter.campId === undefined ? [] : [filter.campId],
  );
  return rows.map((row) => ({ ...row, payload: row.payload === '' ? null : (JSON.parse(row.payload) as unknown) }));
}
