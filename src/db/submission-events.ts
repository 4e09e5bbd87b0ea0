import { executorOf, type Db } from './db.js';
import type { LedgerRow } from './ledger-queries.js';
import { noIndex } from './sql-dialect.js';

/**
 * The camp's assignment work recorded after event `afterId` and up to event `upTo`, in recording order: assignments,
 * submissions, grades, reviews, and every revocation (whatever it revokes).
 */
export function submissionEventsAfter(db: Db, campId: string, range: { afterId: number; upTo: number }): Promise<LedgerRow[]> {
  const ex = executorOf(db);
  // A scan in id order from `afterId` (no index, no sort), as the standings cache reads new events.
  return ex.all<LedgerRow>(
    `SELECT id, type, userid, num, text, ref, actor, happened_at AS "happenedAt", revokes, note FROM events
     WHERE ${noIndex(ex.dialect, 'camp_id')} = @campId AND id > @afterId AND id <= @upTo
       AND type IN ('assignment', 'submission', 'grade', 'review', 'revoke') ORDER BY id`,
    { campId, ...range },
  );
}
