import { executorOf, transaction, type Db } from './db.js';
import { forUpdate } from './sql-dialect.js';

/** One message to store in the outbox; `payload` is the sender's to shape (stored as JSON). */
export interface OutboxInsert {
  campId: string | null;
  kind: string;
  payload: unknown;
  /** Unique per message meant; a second insert with the same key is ignored. */
  dedupeKey: string | null;
}

/** Adds a message to the outbox, due now; returns its id, or the existing row's id when the key is taken. */
export async function insertOutbox(db: Db, row: OutboxInsert, now: number): Promise<{ id: number; duplicate: boolean }> {
  const ex = executorOf(db);
  const inserted = await ex.get<{ id: number }>(
    `INSERT INTO outbox (camp_id, kind, payload, dedupe_key, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [row.campId, row.kind, JSON.stringify(row.payload), row.dedupeKey, now, now],
  );
  if (inserted) return { id: inserted.id, duplicate: false };
  const existing = await ex.get<{ id: number }>('SELECT id FROM outbox WHERE dedupe_key = ?', [row.dedupeKey]);
  return { id: existing!.id, duplicate: true };
}

/** A row claimed for delivery: it is `sending` until its lease runs out, after which another pass may take it again. */
export interface ClaimedRow {
  id: number;
  attempts: number;
  kind: string;
  payload: unknown;
}

/**
 * Claims up to `limit` due rows (`pending` whose time has come, or `sending` whose lease ran out because the process
 * delivering it died) in one transaction, so two workers never claim the same row: on PostgreSQL the rows are locked
 * `FOR UPDATE SKIP LOCKED`, so workers of several instances take different rows without waiting on each other.
 */
export function claimDueRows(db: Db, now: number, leaseMs: number, limit: number): Promise<ClaimedRow[]> {
  return transaction(db, async (tx) => {
    const ex = executorOf(tx);
    const rows = await ex.all<{ id: number; kind: string; payload: string; attempts: number }>(
      `SELECT id, kind, payload, attempts FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
       ORDER BY id LIMIT ? ${forUpdate(ex.dialect, true)}`,
      [now, limit],
    );
    for (const row of rows) {
      await ex.run(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ?`, [now + leaseMs, row.id]);
    }
    return rows.map((row) => ({ id: row.id, attempts: row.attempts + 1, kind: row.kind, payload: JSON.parse(row.payload) as unknown }));
  });
}

export async function markSent(db: Db, id: number, now: number): Promise<void> {
  await executorOf(db).run(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`, [now, id]);
}

export async function markRetry(db: Db, id: number, nextAttemptAt: number, error: string): Promise<void> {
  await executorOf(db).run(
    `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'`,
    [nextAttemptAt, error, id],
  );
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await executorOf(db).run(`UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'`, [error, id]);
}

export type OutboxCounts = Record<'pending' | 'sending' | 'sent' | 'failed', number>;

/** Counts per status (of one camp, or all), for tests and health lines. */
export async function outboxCounts(db: Db, campId?: string): Promise<OutboxCounts> {
  const ex = executorOf(db);
  const rows = campId === undefined
    ? await ex.all<{ status: string; n: number }>(`SELECT status, count(*) AS "n" FROM outbox GROUP BY status`)
    : await ex.all<{ status: string; n: number }>(`SELECT status, count(*) AS "n" FROM outbox WHERE camp_id = ? GROUP BY status`, [campId]);
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status as keyof OutboxCounts] = row.n;
  return counts;
}
