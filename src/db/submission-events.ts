import type { ChainRange } from './camp-ledger-feed.js';
import { executorOf, type Db } from './db.js';
import type { LedgerRow } from './ledger-queries.js';
import { noIndex } from './sql-dialect.js';

const COLUMNS = 'e.id, e.type, e.userid, e.num, e.text, e.ref, e.actor, e.happened_at AS "happenedAt", e.revokes, e.note';
const TYPES = "('assignment', 'submission', 'grade', 'review', 'revoke')";

/**
 * The camp's assignment work whose link in the hash chain lies in `range`, in id order: assignments, submissions,
 * grades, reviews, and every revocation (whatever it revokes). Read like the standings cache reads new events.
 */
export function submissionEventsAfter(db: Db, campId: string, range: ChainRange): Promise<LedgerRow[]> {
  const ex = executorOf(db);
  // The whole camp: a scan of its events in id order (no index, no sort), each probing its link. A few new links:
  // from the chain's end, never from an events index.
  const sql = range.afterSeq === 0
    ? `SELECT ${COLUMNS} FROM events e JOIN ledger_chain l ON l.event_id = e.id
       WHERE ${noIndex(ex.dialect, 'e.camp_id')} = @campId AND e.type IN ${TYPES} AND l.seq <= @upToSeq ORDER BY e.id`
    : `SELECT ${COLUMNS} FROM ledger_chain l JOIN events e ON e.id = l.event_id
       WHERE l.seq > @afterSeq AND l.seq <= @upToSeq AND ${noIndex(ex.dialect, 'e.camp_id')} = @campId
         AND ${noIndex(ex.dialect, 'e.type')} IN ${TYPES} ORDER BY e.id`;
  return ex.all<LedgerRow>(sql, { campId, ...range });
}
