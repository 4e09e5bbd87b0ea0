import type Sqlite from 'better-sqlite3';
import type { Outbound } from './outbox-payload.js';

/** A row claimed for delivery: it is `sending` until `leaseUntil`, after which another pass may take it again. */
export interface ClaimedRow {
  id: number;
  attempts: number;
  outbound: Outbound;
}

/**
 * Claims up to `limit` due rows (`pending` whose time has come, or `sending` whose lease ran out because the process
 * delivering it died) in one immediate transaction, so two workers never claim the same row.
 */
export function claimDueRows(sqlite: Sqlite.Database, now: number, leaseMs: number, limit: number): ClaimedRow[] {
  const select = sqlite.prepare(
    `SELECT id, kind, payload, attempts FROM outbox
     WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
  );
  const claim = sqlite.prepare(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ?`,
  );
  return sqlite
    .transaction(() => {
      const rows = select.all(now, limit) as { id: number; kind: string; payload: string; attempts: number }[];
      return rows.map((row) => {
        claim.run(now + leaseMs, row.id);
        const outbound = { kind: row.kind, payload: JSON.parse(row.payload) } as Outbound;
        return { id: row.id, attempts: row.attempts + 1, outbound };
      });
    })
    .immediate();
}

export function markSent(sqlite: Sqlite.Database, id: number, now: number): void {
  sqlite.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'`).run(now, id);
}

export function markRetry(sqlite: Sqlite.Database, id: number, nextAttemptAt: number, error: string): void {
  sqlite
    .prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'`)
    .run(nextAttemptAt, error, id);
}

export function markFailed(sqlite: Sqlite.Database, id: number, error: string): void {
  sqlite.prepare(`UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'`).run(error, id);
}

/** Counts per status, for tests and health lines. */
export function outboxCounts(sqlite: Sqlite.Database, campId?: string): Record<'pending' | 'sending' | 'sent' | 'failed', number> {
  const rows = sqlite
    .prepare(`SELECT status, count(*) AS n FROM outbox WHERE (? IS NULL OR camp_id = ?) GROUP BY status`)
    .all(campId ?? null, campId ?? null) as { status: string; n: number }[];
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status as keyof typeof counts] = row.n;
  return counts;
}
