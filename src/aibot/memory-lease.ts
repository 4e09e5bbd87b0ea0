import type { ConnectionLease } from './connection-lease.js';

/** Who holds an in-memory lease; the instances competing for it share one. */
export interface LeaseHolder {
  holder: string | null;
}

/**
 * A lease kept in memory, for one process only (tests, the demo, a single SQLite instance): `owner` holds it from
 * `acquire` until `release`, unless someone sets `shared.holder` to another owner.
 * @example const shared = { holder: null }; const a = createMemoryLease('a', shared); const b = createMemoryLease('b', shared);
 */
export function createMemoryLease(owner: string, shared: LeaseHolder = { holder: null }): ConnectionLease {
  return {
    async acquire() {
      shared.holder ??= owner;
      return shared.holder === owner;
    },
    async renew() {
      return shared.holder === owner;
    },
    async release() {
      if (shared.holder === owner) shared.holder = null;
    },
  };
}
