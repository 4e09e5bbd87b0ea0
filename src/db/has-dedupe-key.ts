import type Sqlite from 'better-sqlite3';
import { prepared } from './prepared.js';

/** True when an event with this dedupe key is in the ledger. */
export function hasDedupeKey(sqlite: Sqlite.Database, dedupeKey: string): boolean {
  return prepared<[string], { one: number }>(sqlite, 'SELECT 1 AS "one" FROM events WHERE dedupe_key = ?').get(dedupeKey) !== undefined;
}
