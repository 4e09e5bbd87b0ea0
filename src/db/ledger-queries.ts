import { executorOf, type Db } from './db.js';
import type { EventType } from '../scoring/event-type.js';
import type { LedgerEvent } from './list-events.js';

/** The columns commands read back from the ledger. */
export type LedgerRow = Pick<LedgerEvent, 'id' | 'type' | 'userid' | 'num' | 'text' | 'ref' | 'actor' | 'happenedAt' | 'revokes' | 'note'>;

const SELECT = `SELECT id, type, userid, num, text, ref, actor, happened_at AS "happenedAt", revokes, note FROM events e`;
// One probe of the `events_revokes` index per candidate row, rather than reading every revocation of the camp.
const NOT_REVOKED = `NOT EXISTS (SELECT 1 FROM events r WHERE r.revokes = e.id AND r.camp_id = e.camp_id AND r.type = 'revoke')`;

/** One event of the camp by id, or undefined. */
export function eventById(db: Db, campId: string, id: number): Promise<LedgerRow | undefined> {
  return executorOf(db).get<LedgerRow>(`${SELECT} WHERE camp_id = @campId AND id = @id`, { campId, id });
}

/** The revocation of an event, if it has one. */
export function revocationOf(db: Db, campId: string, id: number): Promise<LedgerRow | undefined> {
  return executorOf(db).get<LedgerRow>(`${SELECT} WHERE camp_id = @campId AND type = 'revoke' AND revokes = @id`, { campId, id });
}

const FILTER_COLUMNS = ['userid', 'ref', 'actor'] as const;

/** Non-revoked events of one type, optionally for one user and/or one ref, oldest first. */
export function liveEvents(
  db: Db,
  campId: string,
  type: EventType,
  filter: { userid?: string; ref?: string; actor?: string } = {},
): Promise<LedgerRow[]> {
  const where = [`camp_id = @campId`, `type = @type`, NOT_REVOKED];
  const params: Record<string, string> = { campId, type };
  for (const column of FILTER_COLUMNS) {
    const value = filter[column];
    if (value === undefined) continue;
    where.push(`${column} = @${column}`);
    params[column] = value;
  }
  return executorOf(db).all<LedgerRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY happened_at, id`, params);
}

/** The session opened and not yet closed (the latest live `session_open` without a later `session` of its name). */
export async function openSession(db: Db, campId: string): Promise<LedgerRow | undefined> {
  const opened = await liveEvents(db, campId, 'session_open');
  const closed = new Set((await liveEvents(db, campId, 'session')).map((event) => event.ref));
  return opened.filter((event) => !closed.has(event.ref)).at(-1);
}

/** The live `assignment` event with this id, if any. */
export async function assignmentById(db: Db, campId: string, assignmentId: string): Promise<LedgerRow | undefined> {
  return (await liveEvents(db, campId, 'assignment', { ref: assignmentId })).at(-1);
}

// Only the index is read (it covers camp, type, ref and time).
const ASSIGNMENT_REFS = `SELECT ref FROM events e WHERE camp_id = @campId AND type = 'assignment' AND ${NOT_REVOKED}
  ORDER BY happened_at, id`;

/** Ids of the camp's live assignments, in the order they were created. */
export async function assignmentIds(db: Db, campId: string): Promise<string[]> {
  const rows = await executorOf(db).all<{ ref: string | null }>(ASSIGNMENT_REFS, { campId });
  return [...new Set(rows.map((row) => row.ref ?? ''))].filter(Boolean);
}
