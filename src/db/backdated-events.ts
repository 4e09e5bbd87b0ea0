import { executorOf, type Db } from './db.js';
import { noIndex } from './sql-dialect.js';

/**
 * Whether the camp's ledger received, after event `afterId`, an event that happened before `before` or a revocation:
 * what changes standings as of earlier times (imports of past facts, `/undo`). Reads only the events after `afterId`.
 */
export async function backdatedSince(db: Db, campId: string, afterId: number, before: number): Promise<boolean> {
  const ex = executorOf(db);
  const row = await ex.get(
    `SELECT 1 AS "found" FROM events WHERE id > ? AND ${noIndex(ex.dialect, 'camp_id')} = ? AND (happened_at < ? OR type = 'revoke') LIMIT 1`,
    [afterId, campId, before],
  );
  return row !== undefined;
}
