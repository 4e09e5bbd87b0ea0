import { executorOf, type Db } from './db.js';
import { inJsonArray } from './sql-dialect.js';

const CHUNK = 1_000;

/**
 * Which of `keys` the ledger already holds, read through the `events_dedupe` index; lets a caller append only what
 * is new without taking the ledger's write lock for every key it would skip.
 * @example await recordedDedupeKeys(store, ['wecom:ai:living:L1:lesson:3:u1']) // Set { … }
 */
export async function recordedDedupeKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const ex = executorOf(db);
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += CHUNK) {
    const chunk = JSON.stringify(keys.slice(start, start + CHUNK));
    const rows = await ex.all<{ key: string }>(`SELECT dedupe_key AS "key" FROM events WHERE ${inJsonArray(ex.dialect, 'dedupe_key', 'keys')}`, { keys: chunk });
    for (const row of rows) found.add(row.key);
  }
  return found;
}
