import { executorOf, type Db } from './db.js';
import type { EventSource } from './event-types.js';
import type { EventType } from '../scoring/event-type.js';

/** One ledger row as stored (without its place in the hash chain). */
export interface LedgerEvent {
  id: number;
  campId: string;
  type: EventType;
  userid: string | null;
  num: number | null;
  text: string | null;
  ref: string | null;
  actor: string;
  source: EventSource;
  happenedAt: number;
  recordedAt: number;
  revokes: number | null;
  note: string | null;
  dedupeKey: string | null;
}

export interface EventFilter {
  campId?: string;
  type?: string;
  userid?: string;
  /** Only events recorded after this id (paging). */
  afterId?: number;
  limit?: number;
}

const COLUMNS = `id, camp_id AS "campId", type, userid, num, text, ref, actor, source, happened_at AS "happenedAt",
  recorded_at AS "recordedAt", revokes, note, dedupe_key AS "dedupeKey"`;

/**
 * Ledger rows in recording order (oldest first), optionally of one camp, type and learner; `afterId` and `limit` page
 * through a big ledger.
 * @example await listEvents(store, { campId: 'ai-2026q4', type: 'exam' })
 */
export function listEvents(db: Db, filter: EventFilter = {}): Promise<LedgerEvent[]> {
  const where = ['id > @afterId'];
  if (filter.campId !== undefined) where.push('camp_id = @campId');
  if (filter.type !== undefined) where.push('type = @type');
  if (filter.userid !== undefined) where.push('userid = @userid');
  const limit = filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  return executorOf(db).all<LedgerEvent>(
    `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY id ${limit}`,
    { afterId: filter.afterId ?? 0, campId: filter.campId ?? null, type: filter.type ?? null, userid: filter.userid ?? null },
  );
}
