import type { ConnectionLease } from '../aibot/connection-lease.js';
import type { Db } from '../db/db.js';
import { acquireLease, releaseLease, renewLease } from '../db/lease-store.js';

/**
 * A `ConnectionLease` kept in the store, so exactly one of several processes on one database holds it; it lapses
 * `ttlMs` after the last renewal, so a dead holder's lease passes on.
 * @example startLongConnection({ …, lease: storeLease(store, 'aibot-long-connection', holder, 30_000) })
 */
export function storeLease(db: Db, name: string, holder: string, ttlMs: number, now: () => number = Date.now): ConnectionLease {
  return {
    acquire: () => acquireLease(db, name, holder, now(), ttlMs),
    renew: () => renewLease(db, name, holder, now(), ttlMs),
    release: () => releaseLease(db, name, holder),
  };
}
