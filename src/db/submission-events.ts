import { campEventsInRangeSql, type ChainRange } from './camp-ledger-feed.js';
import { executorOf, type Db } from './db.js';
import type { LedgerRow } from './ledger-queries.js';

const COLUMNS = 'e.id, e.type, e.userid, e.num, e.text, e.ref, e.actor, e.happened_at AS "happenedAt", e.revokes, e.note';
const TYPES = "('assignment', 'submission', 'grade', 'review', 'revoke')";

/**
 * The camp's assignment work whose link in the hash chain lies in `range`, in id order: assignments, submissions,
 * grades, reviews, and every revocation (whatever it revokes). Read like the standings cache reads new events.
 */
export function submissionEventsAfter(db: Db, campId: string, range: ChainRange): Promise<LedgerRow[]> {
  const ex = executorOf(db);
  return ex.all<LedgerRow>(campEventsInRangeSql(ex.dialect, COLUMNS, TYPES, range, 'ORDER BY e.id'), { campId, ...range });
}
