import type Sqlite from 'better-sqlite3';
import type { EventType } from './event-types.js';
import type { Fact } from '../scoring/fact.js';

/** Parameters every scoring query binds. */
export interface ScoringQuery {
  campId: string;
  asOf: number;
  lessons: number;
  /** JSON array of revoked event ids. */
  revoked: string;
  /** JSON array of the only learners to read, or null for everyone. */
  only: string | null;
}

export type AddFact = (fact: Fact) => void;

/**
 * One per-learner aggregate over some event types. `sql` receives `WHERE`-clause text that selects the camp, types,
 * time and learners; each result row starts with the userid.
 */
export interface Aggregate {
  types: readonly EventType[];
  select: (where: string) => string;
  feed: (row: unknown[], add: AddFact) => void;
}

const list = (types: readonly string[]): string => types.map((t) => `'${t}'`).join(', ');

/**
 * Runs an aggregate exactly as if revoked events were not there, without testing every row against the revoked ids:
 * learners with no revoked event of these types are aggregated plainly; only the few with one are re-read with the
 * revoked rows left out.
 */
export function runAggregate(sqlite: Sqlite.Database, q: ScoringQuery, aggregate: Aggregate, add: AddFact): void {
  const base = `camp_id = @campId AND type IN (${list(aggregate.types)}) AND userid IS NOT NULL AND happened_at <= @asOf
    ${q.only === null ? '' : 'AND userid IN (SELECT value FROM json_each(@only))'}`;
  // Unary `+` keeps SQLite on rowid lookups of the few revoked ids instead of scanning the types' index range.
  const affected = new Set(
    sqlite.prepare(`SELECT DISTINCT userid FROM events WHERE id IN (SELECT value FROM json_each(@revoked))
      AND +camp_id = @campId AND +type IN (${list(aggregate.types)}) AND userid IS NOT NULL AND +happened_at <= @asOf`)
      .pluck().all(q) as string[],
  );
  if (q.only !== null) {
    const only = new Set(JSON.parse(q.only) as string[]);
    for (const userid of affected) if (!only.has(userid)) affected.delete(userid);
  }
  for (const row of sqlite.prepare(aggregate.select(base)).raw(true).iterate(q) as Iterable<unknown[]>) {
    if (!affected.has(row[0] as string)) aggregate.feed(row, add);
  }
  if (affected.size === 0) return;
  const again = `${base} AND userid IN (SELECT value FROM json_each(@affected)) AND id NOT IN (SELECT value FROM json_each(@revoked))`;
  for (const row of sqlite.prepare(aggregate.select(again)).raw(true).iterate({ ...q, affected: JSON.stringify([...affected]) }) as Iterable<unknown[]>) {
    aggregate.feed(row, add);
  }
}

/** A reusable synthetic fact (id 0, which no event has): scoring reads facts and never keeps them. */
export function syntheticFact(type: EventType, userid: string, num: number | null, ref: string | null, at: number): Fact {
  return { id: 0, type, userid, num, text: null, ref, actor: '', at, revokes: null };
}

/** Distinct valid lessons per learner, fed as lessons 1..k (a learner with only invalid numbers gets one null lesson). */
export function lessonAggregate(asOf: number): Aggregate {
  return {
    types: ['lesson'],
    select: (where) => `SELECT userid, sum(num BETWEEN 1 AND @lessons AND num = cast(num AS INTEGER)), count(*)
      FROM (SELECT DISTINCT userid, num FROM events WHERE ${where}) GROUP BY userid`,
    feed: ([userid, valid, all], add) => {
      if (valid === 0 && (all as number) > 0) add(syntheticFact('lesson', userid as string, null, null, asOf));
      for (let lesson = 1; lesson <= (valid as number); lesson += 1) add(syntheticFact('lesson', userid as string, lesson, null, asOf));
    },
  };
}

/** Closed sessions attended per learner, fed as k check-ins to distinct closed sessions. */
export function checkinAggregate(asOf: number, closed: readonly string[]): Aggregate {
  const closedJson = JSON.stringify(closed).replaceAll("'", "''");
  return {
    types: ['checkin'],
    select: (where) => `SELECT userid, count(DISTINCT CASE WHEN ref IN (SELECT value FROM json_each('${closedJson}')) THEN ref END), count(*)
      FROM events WHERE ${where} GROUP BY userid`,
    feed: ([userid, attended, all], add) => {
      if (attended === 0 && (all as number) > 0) add(syntheticFact('checkin', userid as string, null, null, asOf));
      for (let i = 0; i < (attended as number); i += 1) add(syntheticFact('checkin', userid as string, null, closed[i]!, asOf));
    },
  };
}

/** Points summed per learner and metric (null when every row has no number). */
export function pointsAggregate(asOf: number, types: readonly EventType[]): Aggregate {
  return {
    types,
    select: (where) => `SELECT userid, type, sum(num), count(num) FROM events WHERE ${where} GROUP BY type, userid`,
    feed: ([userid, type, sum, count], add) =>
      add(syntheticFact(type as EventType, userid as string, (count as number) > 0 ? (sum as number) : null, null, asOf)),
  };
}

/** One submission per (learner, assignment): scoring only asks whether the learner submitted. */
export function submissionAggregate(asOf: number): Aggregate {
  return {
    types: ['submission'],
    select: (where) => `SELECT DISTINCT userid, ref, num FROM events WHERE ${where}`,
    feed: ([userid, ref], add) => add(syntheticFact('submission', userid as string, null, ref as string | null, asOf)),
  };
}
