import { executorOf, type Db } from './db.js';

/** True when an event with this dedupe key is in the ledger. */
export async function hasDedupeKey(db: Db, dedupeKey: string): Promise<boolean> {
  return (await executorOf(db).get('SELECT 1 AS "one" FROM events WHERE dedupe_key = ?', [dedupeKey])) !== undefined;
}
