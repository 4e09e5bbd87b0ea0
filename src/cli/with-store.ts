import { databaseSettings } from '../config.js';
import type { Store } from '../db/db.js';
import { openStore } from '../db/open-store.js';

/**
 * Runs `work` with the store the environment names (DATABASE_URL, else DB_FILE), with AUDIT_SECRET bound so appends
 * sign the ledger head, and closes it afterwards. With `readOnly`, nothing is migrated or written, and an outdated
 * schema is refused.
 * @example return withStore((store) => importRoster(store, campId, rows));
 */
export async function withStore<T>(work: (store: Store) => Promise<T>, { readOnly = false, env = process.env } = {}): Promise<T> {
  const { dbFile, databaseUrl, auditSecret } = databaseSettings(env);
  const store = await openStore({ dbFile, databaseUrl, auditSecret, readOnly, maxConnections: 4 });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
