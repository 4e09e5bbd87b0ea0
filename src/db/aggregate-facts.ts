import type { EventType } from '../scoring/event-type.js';
import type { Fact } from '../scoring/fact.js';
import { bulkRows, bulkSelect } from './bulk-select.js';
import type { Dialect, Executor } from './engine/executor.js';
import type { UseridRange } from './learner-ranges.js';
import type { SqlQuery } from './parallel-queries.js';
import { inJsonArray, noIndex } from './sql-dialect.js';

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
 * One per-learner aggregate over some event types. `select` receives `WHERE`-clause text that selects the camp, types,
 * time and learners; `columns` are its result columns that are read (see `bulkSelect`), the first being the userid,
 * `real` those that may hold fractions.
 */
export interface Aggregate {
  types: readonly EventType[];
  select: (where: string, dialect: Dialect) => string;
  columns: readonly string[];
  real?: readonly string[];
  /** Values its `select` binds besides the scoring query's. */
  params?: Record<string, unknown>;
  feed: (row: unknown[], add: AddFact) => void;
}

const list = (types: readonly string[]): string => types.map((t) => `'${t}'`).join(', ');

/** An aggregate's queries, to run here or on another connection, and how to feed their rows. */
export interface PlannedAggregate {
  queries: SqlQuery[];
  /** Feeds the queries' results, in order. */
  feed: (results: readonly unknown[][][], add: AddFact) => void;
}

/**
 * Plans an aggregate exactly as if revoked events were not there, without testing every row against the revoked ids:
 * learners with no revoked event of these types are aggregated plainly; only the few with one are re-read with the
 * revoked rows left out. Which learners those are is read now.
 */
export async function planAggregate(
  ex: Executor, q: ScoringQuery, aggregate: Aggregate, ranges: readonly UseridRange[],
): Promise<PlannedAggregate> {
  const { dialect } = ex;
  const base = `camp_id = @campId AND type IN (${list(aggregate.types)}) AND userid IS NOT NULL AND happened_at <= @asOf
    ${q.only === null ? '' : `AND ${inJsonArray(dialect, 'userid', 'only')}`}`;
  // Unary `+` keeps SQLite on rowid lookups of the few revoked ids instead of scanning the types' index range.
  const affectedRows = await ex.all<{ userid: string }>(
    `SELECT DISTINCT userid FROM events WHERE ${inJsonArray(dialect, 'id', 'revoked', 'bigint')}
      AND ${noIndex(dialect, 'camp_id')} = @campId AND ${noIndex(dialect, 'type')} IN (${list(aggregate.types)})
      AND userid IS NOT NULL AND ${noIndex(dialect, 'happened_at')} <= @asOf`,
    { campId: q.campId, asOf: q.asOf, revoked: q.revoked },
  );
  const affected = new Set(affectedRows.map((row) => row.userid));
  if (q.only !== null) {
    const only = new Set(JSON.parse(q.only) as string[]);
    for (const userid of affected) if (!only.has(userid)) affected.delete(userid);
  }
  const sql = (where: string): string => bulkSelect(dialect, aggregate.select(where, dialect), aggregate.columns, aggregate.real);
  const params = { ...q, ...aggregate.params };
  const queries: SqlQuery[] = ranges.map((range) => ({ sql: sql(`${base} ${range.filter}`), params: { ...params, ...range.params } }));
  if (affected.size > 0) {
    const again = `${base} AND ${inJsonArray(dialect, 'userid', 'affected')} AND NOT ${inJsonArray(dialect, 'id', 'revoked', 'bigint')}`;
    queries.push({ sql: sql(again), params: { ...params, affected: JSON.stringify([...affected]) } });
  }
  return {
    queries,
    feed: (results, add) => {
      results.forEach((result, i) => {
        const again = i >= ranges.length;
        bulkRows(dialect, result)((row) => {
          if (again || !affected.has(row[0] as string)) aggregate.feed(row, add);
        });
      });
    },
  };
}

/**
 * A synthetic fact (id 0, which no event has) that an aggregate rewrites before each `add`: scoring reads facts and
 * never keeps them, and not allocating one per row matters at 100,000 learners.
 */
export function syntheticFact(type: EventType, asOf: number): Fact {
  return { id: 0, type, userid: null, num: null, text: null, ref: null, actor: '', at: asOf, revokes: null };
}

/** Distinct valid lessons per learner, fed as lessons 1..k (a learner with no valid number gets one null lesson). */
export function lessonAggregate(asOf: number): Aggregate {
  const fact = syntheticFact('lesson', asOf);
  return {
    types: ['lesson'],
    select: (where) => `SELECT userid, sum(CASE WHEN num BETWEEN 1 AND @lessons AND num = floor(num) THEN 1 ELSE 0 END) AS valid,
      count(*) AS n FROM (SELECT DISTINCT userid, num FROM events WHERE ${where}) AS lessons GROUP BY userid`,
    columns: ['userid', 'valid', 'n'],
    feed: (row, add) => {
      // NULL when every lesson number is NULL: the learner still has events, so one null lesson marks them.
      const valid = (row[1] as number | null) ?? 0;
      fact.userid = row[0] as string;
      fact.num = null;
      if (valid === 0 && (row[2] as number) > 0) add(fact);
      for (let lesson = 1; lesson <= valid; lesson += 1) {
        fact.num = lesson;
        add(fact);
      }
    },
  };
}

/** Closed sessions attended per learner, fed as k check-ins to distinct closed sessions. */
export function checkinAggregate(asOf: number, closed: readonly string[]): Aggregate {
  const fact = syntheticFact('checkin', asOf);
  return {
    types: ['checkin'],
    select: (where, dialect) => `SELECT userid,
      count(DISTINCT CASE WHEN ${inJsonArray(dialect, 'ref', 'closed')} THEN ref END) AS attended, count(*) AS n
      FROM events WHERE ${where} GROUP BY userid`,
    params: { closed: JSON.stringify(closed) },
    columns: ['userid', 'attended', 'n'],
    feed: (row, add) => {
      const attended = row[1] as number;
      fact.userid = row[0] as string;
      fact.ref = null;
      if (attended === 0 && (row[2] as number) > 0) add(fact);
      for (let i = 0; i < attended; i += 1) {
        fact.ref = closed[i]!;
        add(fact);
      }
    },
  };
}

/** Points of one metric summed per learner (null when every row has no number). */
export function pointsAggregate(asOf: number, type: 'project' | 'practice' | 'participation'): Aggregate {
  const fact = syntheticFact(type, asOf);
  return {
    types: [type],
    select: (where) => `SELECT userid, sum(num) AS total, count(num) AS n FROM events WHERE ${where} GROUP BY userid`,
    columns: ['userid', 'total', 'n'],
    real: ['total'],
    feed: (row, add) => {
      fact.userid = row[0] as string;
      fact.num = (row[2] as number) > 0 ? (row[1] as number) : null;
      add(fact);
    },
  };
}

/** One submission per (learner, assignment): scoring only asks whether the learner submitted. */
export function submissionAggregate(asOf: number): Aggregate {
  const fact = syntheticFact('submission', asOf);
  return {
    types: ['submission'],
    // `num` only keeps the DISTINCT in index order; a learner's duplicates are harmless (submitting is a flag).
    select: (where) => `SELECT DISTINCT userid, ref, num FROM events WHERE ${where}`,
    columns: ['userid', 'ref'],
    feed: (row, add) => {
      fact.userid = row[0] as string;
      fact.ref = row[1] as string | null;
      add(fact);
    },
  };
}

