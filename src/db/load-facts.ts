import type Sqlite from 'better-sqlite3';
import type { EventType } from './event-types.js';
import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';

/** Ids revoked as of `asOf` (an undone `/undo` restores its event). */
export function loadRevoked(sqlite: Sqlite.Database, campId: string, asOf: number): Set<number> {
  const rows = sqlite.prepare<unknown[], Pick<Fact, 'id' | 'type' | 'revokes' | 'at'>>(
    `SELECT id, type, revokes, happened_at AS at FROM events
     WHERE camp_id = ? AND type = 'revoke' AND happened_at <= ? AND revokes IS NOT NULL`,
  ).all(campId, asOf);
  return resolveRevoked(rows, asOf);
}

interface Query {
  campId: string;
  asOf: number;
  revoked: string;
  lessons: number;
  closed: string;
}

type Add = (fact: Fact) => void;

/** The types a standings run reads; a subset computes only the metrics that depend on them. */
export const SCORED_TYPES: readonly EventType[] = [
  'session', 'assignment', 'weights', 'exam', 'submission', 'grade', 'review', 'lesson', 'checkin', 'project', 'practice', 'participation',
];

/**
 * Feeds scoring everything it needs of a camp as of `asOf`, revoked events left out in SQL, reading only the covering
 * index `events_camp_type` except for assignment and weights rows. Exactly equivalent to feeding every event, but
 * lighter: points arrive as one summed fact per learner and metric; lessons as the learner's count of distinct valid
 * lessons (facts 1..k); check-ins as their count of distinct closed sessions attended (k closed session names);
 * submissions once per (learner, assignment). Synthetic facts carry id 0, which no event has.
 */
export function feedCampFacts(
  sqlite: Sqlite.Database, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number, add: Add,
  types: ReadonlySet<EventType> = new Set(SCORED_TYPES),
): void {
  const where = (list: readonly string[]): string =>
    `camp_id = @campId AND type IN (${list.map((t) => `'${t}'`).join(', ')}) AND happened_at <= @asOf
     ${revoked.size > 0 ? 'AND id NOT IN (SELECT value FROM json_each(@revoked))' : ''}`;
  const wanted = (list: readonly EventType[]): EventType[] => list.filter((t) => types.has(t));
  const q: Query = { campId, asOf, revoked: JSON.stringify([...revoked]), lessons, closed: '[]' };
  const each = (sql: string, params: Partial<Query> = q): IterableIterator<unknown[]> =>
    sqlite.prepare(sql).raw(true).iterate(params) as IterableIterator<unknown[]>;
  const rowTypes = wanted(['exam', 'grade', 'review', 'session']);
  if (rowTypes.length > 0) {
    for (const [id, type, userid, num, ref, actor, at] of each(`SELECT id, type, userid, num, ref, actor, happened_at FROM events WHERE ${where(rowTypes)}`)) {
      add({ id, type, userid, num, text: null, ref, actor, at, revokes: null } as Fact);
    }
  }
  const textTypes = wanted(['assignment', 'weights']);
  if (textTypes.length > 0) {
    for (const [id, type, userid, num, text, ref, actor, at] of each(`SELECT id, type, userid, num, text, ref, actor, happened_at FROM events WHERE ${where(textTypes)}`)) {
      add({ id, type, userid, num, text, ref, actor, at, revokes: null } as Fact);
    }
  }
  if (types.has('submission')) {
    for (const [userid, ref] of each(`SELECT DISTINCT userid, ref, num FROM events WHERE ${where(['submission'])} AND userid IS NOT NULL`)) {
      add(synthetic('submission', userid as string, null, ref as string | null, asOf));
    }
  }
  if (types.has('lesson')) feedLessons(each, where(['lesson']), asOf, add);
  if (types.has('checkin')) feedCheckins(sqlite, each, where, q, add);
  feedPoints(each, where(wanted(['project', 'practice', 'participation'])), asOf, add);
}

function synthetic(type: EventType, userid: string, num: number | null, ref: string | null, at: number): Fact {
  return { id: 0, type, userid, num, text: null, ref, actor: '', at, revokes: null };
}

type Each = (sql: string, params?: Partial<Query>) => IterableIterator<unknown[]>;

function feedLessons(each: Each, where: string, asOf: number, add: Add): void {
  const sql = `SELECT userid, count(DISTINCT CASE WHEN num BETWEEN 1 AND @lessons AND num = cast(num AS INTEGER) THEN num END), count(*)
    FROM events WHERE ${where} AND userid IS NOT NULL GROUP BY userid`;
  for (const [userid, valid, all] of each(sql) as Iterable<[string, number, number]>) {
    if (valid === 0 && all > 0) add(synthetic('lesson', userid, null, null, asOf));
    for (let lesson = 1; lesson <= valid; lesson += 1) add(synthetic('lesson', userid, lesson, null, asOf));
  }
}

function feedCheckins(sqlite: Sqlite.Database, each: Each, where: (list: readonly string[]) => string, q: Query, add: Add): void {
  const closed = sqlite.prepare(`SELECT DISTINCT ref FROM events WHERE ${where(['session'])} AND ref IS NOT NULL ORDER BY ref`)
    .pluck().all(q) as string[];
  const sql = `SELECT userid, count(DISTINCT CASE WHEN ref IN (SELECT value FROM json_each(@closed)) THEN ref END), count(*)
    FROM events WHERE ${where(['checkin'])} AND userid IS NOT NULL GROUP BY userid`;
  for (const [userid, attended, all] of each(sql, { ...q, closed: JSON.stringify(closed) }) as Iterable<[string, number, number]>) {
    if (attended === 0 && all > 0) add(synthetic('checkin', userid, null, null, q.asOf));
    for (let i = 0; i < attended; i += 1) add(synthetic('checkin', userid, null, closed[i]!, q.asOf));
  }
}

function feedPoints(each: Each, where: string, asOf: number, add: Add): void {
  if (where.includes('IN ()')) return;
  const sql = `SELECT type, userid, sum(num), count(num) FROM events WHERE ${where} AND userid IS NOT NULL GROUP BY type, userid`;
  for (const [type, userid, sum, count] of each(sql) as Iterable<[EventType, string, number | null, number]>) {
    add(synthetic(type, userid, count > 0 ? sum : null, null, asOf));
  }
}

/**
 * Every non-revoked event about one learner (as author or subject, or as reviewer) as of `asOf`, in recording order,
 * plus the camp's sessions and assignments — what `/why` lists behind each metric.
 */
export function loadFactsForLearner(sqlite: Sqlite.Database, campId: string, userid: string, asOf: number): Fact[] {
  const revoked = loadRevoked(sqlite, campId, asOf);
  const columns = 'id, type, userid, num, text, ref, actor, happened_at AS at, revokes';
  const rows = sqlite.prepare<unknown[], Fact>(
    `SELECT ${columns} FROM events WHERE camp_id = @campId AND userid = @userid AND happened_at <= @asOf
     UNION SELECT ${columns} FROM events WHERE camp_id = @campId AND type = 'review' AND actor = @userid AND happened_at <= @asOf
     UNION SELECT ${columns} FROM events WHERE camp_id = @campId AND type IN ('session', 'assignment') AND happened_at <= @asOf
     ORDER BY id`,
  ).all({ campId, userid, asOf });
  return rows.filter((fact) => !revoked.has(fact.id));
}
