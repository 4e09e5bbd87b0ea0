import type Sqlite from 'better-sqlite3';
import type { EventType } from '../db/event-types.js';

/** The columns commands read back from the ledger. */
export interface LedgerRow {
  id: number;
  type: EventType;
  userid: string | null;
  num: number | null;
  text: string | null;
  ref: string | null;
  actor: string;
  happenedAt: number;
  revokes: number | null;
  note: string | null;
}

const SELECT = `SELECT id, type, userid, num, text, ref, actor, happened_at AS happenedAt, revokes, note FROM events`;
const NOT_REVOKED = `id NOT IN (SELECT revokes FROM events WHERE camp_id = @campId AND type = 'revoke' AND revokes IS NOT NULL)`;

/** One event of the camp by id, or undefined. */
export function eventById(sqlite: Sqlite.Database, campId: string, id: number): LedgerRow | undefined {
  return sqlite.prepare<{ campId: string; id: number }, LedgerRow>(`${SELECT} WHERE camp_id = @campId AND id = @id`).get({ campId, id });
}

/** The revocation of an event, if it has one. */
export function revocationOf(sqlite: Sqlite.Database, campId: string, id: number): LedgerRow | undefined {
  return sqlite
    .prepare<{ campId: string; id: number }, LedgerRow>(`${SELECT} WHERE camp_id = @campId AND type = 'revoke' AND revokes = @id`)
    .get({ campId, id });
}

/** Non-revoked events of one type, optionally for one user and/or one ref, oldest first. */
export function liveEvents(
  sqlite: Sqlite.Database,
  campId: string,
  type: EventType,
  filter: { userid?: string; ref?: string; actor?: string } = {},
): LedgerRow[] {
  const where = [`camp_id = @campId`, `type = @type`, NOT_REVOKED];
  if (filter.userid !== undefined) where.push('userid = @userid');
  if (filter.ref !== undefined) where.push('ref = @ref');
  if (filter.actor !== undefined) where.push('actor = @actor');
  return sqlite
    .prepare<Record<string, string>, LedgerRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY happened_at, id`)
    .all({ campId, type, ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) });
}

/** The session opened and not yet closed (the latest live `session_open` without a later `session` of its name). */
export function openSession(sqlite: Sqlite.Database, campId: string): LedgerRow | undefined {
  const opened = liveEvents(sqlite, campId, 'session_open');
  const closed = new Set(liveEvents(sqlite, campId, 'session').map((event) => event.ref));
  return opened.filter((event) => !closed.has(event.ref)).at(-1);
}

/** The live `assignment` event with this id, if any. */
export function assignmentById(sqlite: Sqlite.Database, campId: string, assignmentId: string): LedgerRow | undefined {
  return liveEvents(sqlite, campId, 'assignment', { ref: assignmentId }).at(-1);
}

/** Ids of the camp's live assignments, in the order they were created. */
export function assignmentIds(sqlite: Sqlite.Database, campId: string): string[] {
  return [...new Set(liveEvents(sqlite, campId, 'assignment').map((event) => event.ref ?? ''))].filter(Boolean);
}
