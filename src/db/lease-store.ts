import { executorOf, type Db } from './db.js';

// Taken when free, lapsed, or already ours. On PostgreSQL two instances racing for the row are serialized on it and the
// loser re-checks the WHERE against the winner's row, so exactly one of them holds the lease.
const ACQUIRE_SQL = `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`;
const RENEW_SQL = 'UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?';
const RELEASE_SQL = 'DELETE FROM leases WHERE name = ? AND holder = ?';
const HOLDER_SQL = 'SELECT holder, expires_at AS "expiresAt" FROM leases WHERE name = ?';

/** Takes the lease `name` for `holder` until `now + ttlMs` unless someone else holds it unexpired; true when held. */
export async function acquireLease(db: Db, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  return (await executorOf(db).run(ACQUIRE_SQL, [name, holder, now + ttlMs, now])).changes === 1;
}

/** Extends `holder`'s lease to `now + ttlMs`; false when another holder has taken it (or it was released). */
export async function renewLease(db: Db, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  return (await executorOf(db).run(RENEW_SQL, [now + ttlMs, name, holder])).changes === 1;
}

/** Gives the lease up at once, if `holder` holds it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await executorOf(db).run(RELEASE_SQL, [name, holder]);
}

/** Who holds the lease and until when, or null (for operators and tests). */
export async function leaseHolder(db: Db, name: string): Promise<{ holder: string; expiresAt: number } | null> {
  return (await executorOf(db).get<{ holder: string; expiresAt: number }>(HOLDER_SQL, [name])) ?? null;
}
