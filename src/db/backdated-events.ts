import { executorOf, type Db } from './db.js';

/**
 * Whether the camp's ledger received, after link `afterSeq` of the hash chain, an event that happened before `before`
 * or a revocation: what changes standings as of earlier times (imports of past facts, `/undo`). Reads only the links
 * after `afterSeq`.
 */
export async function backdatedSince(db: Db, campId: string, afterSeq: number, before: number): Promise<boolean> {
  const row = await executorOf(db).get(
    `SELECT 1 AS "found" FROM ledger_chain l JOIN events e ON e.id = l.event_id
     WHERE l.seq > ? AND e.camp_id = ? AND (e.happened_at < ? OR e.type = 'revoke') LIMIT 1`,
    [afterSeq, campId, before],
  );
  return row !== undefined;
}
