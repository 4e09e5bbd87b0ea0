import { executorOf, type Db } from './db.js';
import { noIndex } from './sql-dialect.js';

/**
 * Whether the camp's ledger received, after link `afterSeq` of the hash chain, an event that happened before `before`
 * or a revocation: what changes standings as of earlier times (imports of past facts, `/undo`). Reads only the links
 * after `afterSeq`.
 */
export async function backdatedSince(db: Db, campId: string, afterSeq: number, before: number): Promise<boolean> {
  const ex = executorOf(db);
  // From the chain's end, never from an events index (which would walk the camp's whole history).
  const row = await ex.get(
    `SELECT 1 AS "found" FROM ledger_chain l JOIN events e ON e.id = l.event_id
     WHERE l.seq > ? AND ${noIndex(ex.dialect, 'e.camp_id')} = ? AND (e.happened_at < ? OR e.type = 'revoke') LIMIT 1`,
    [afterSeq, campId, before],
  );
  return row !== undefined;
}
