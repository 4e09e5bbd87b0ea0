import { executorOf, type Db } from './db.js';
import type { LedgerEvent } from './list-events.js';

export interface EventsPageFilter {
  type?: string;
  userid?: string;
  /** Only events older than this id (the next page). */
  beforeId?: number;
  limit: number;
}

const COLUMNS = `id, camp_id AS "campId", type, userid, num, text, ref, actor, source, happened_at AS "happenedAt",
  recorded_at AS "recordedAt", revokes, note, dedupe_key AS "dedupeKey"`;

/** One page of a camp's ledger, newest first (by id), optionally of one type and one learner. */
export function eventsPage(db: Db, campId: string, filter: EventsPageFilter): Promise<LedgerEvent[]> {
  const where = ['camp_id = @campId'];
  if (filter.type !== undefined) where.push('type = @type');
  if (filter.userid !== undefined) where.push('userid = @userid');
  if (filter.beforeId !== undefined) where.push('id < @beforeId');
  return executorOf(db).all<LedgerEvent>(
    `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(filter.limit))}`,
    { campId, type: filter.type ?? null, userid: filter.userid ?? null, beforeId: filter.beforeId ?? null },
  );
}
