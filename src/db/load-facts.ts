import type Sqlite from 'better-sqlite3';
import type { EventType } from './event-types.js';
import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';
import {
  checkinAggregate, lessonAggregate, pointsAggregate, runAggregate, submissionAggregate, type AddFact, type ScoringQuery,
} from './aggregate-facts.js';

/** Ids revoked as of `asOf` (an undone `/undo` restores its event). */
export function loadRevoked(sqlite: Sqlite.Database, campId: string, asOf: number): Set<number> {
  const rows = sqlite.prepare<unknown[], Pick<Fact, 'id' | 'type' | 'revokes' | 'at'>>(
    `SELECT id, type, revokes, happened_at AS at FROM events
     WHERE camp_id = ? AND type = 'revoke' AND happened_at <= ? AND revokes IS NOT NULL`,
  ).all(campId, asOf);
  return resolveRevoked(rows, asOf);
}

/** The types a standings run reads; a subset computes only the metrics that depend on them. */
export const SCORED_TYPES: readonly EventType[] = [
  'session', 'assignment', 'weights', 'exam', 'submission', 'grade', 'review', 'lesson', 'checkin', 'project', 'practice', 'participation',
];

/** Row-by-row types and the columns scoring reads of them (all but `assignment`/`weights` from the covering index). */
const ROW_QUERIES: [EventType, string][] = [
  ['exam', 'id, userid, num, ref, NULL, happened_at, NULL'],
  ['grade', 'id, userid, num, ref, NULL, happened_at, NULL'],
  ['review', 'id, userid, num, ref, NULL, happened_at, actor'],
  ['session', 'id, NULL, NULL, ref, NULL, happened_at, NULL'],
  ['assignment', 'id, NULL, NULL, ref, text, happened_at, NULL'],
  ['weights', 'id, NULL, NULL, NULL, text, happened_at, NULL'],
];

export interface FeedOptions {
  /** Only these types (default: every scored type). */
  types?: ReadonlySet<EventType>;
  /** Only these learners' per-learner events (camp-wide events are always read). */
  only?: readonly string[];
}

/**
 * Feeds a score accumulator created with the same `revoked` set everything it needs of a camp as of `asOf`, exactly
 * as if it were fed every event, but reading only the covering index `events_camp_type` (except assignment and
 * weights rows) and far fewer rows: points arrive as one summed fact per learner and metric, lessons as the learner's
 * distinct valid lessons 1..k, check-ins as k distinct closed sessions, submissions once per (learner, assignment).
 * Row-by-row facts may include revoked events (the accumulator drops them); aggregates leave them out.
 */
export function feedCampFacts(
  sqlite: Sqlite.Database, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number, add: AddFact,
  options: FeedOptions = {},
): void {
  const types = options.types ?? new Set(SCORED_TYPES);
  const only = options.only ? JSON.stringify(options.only) : null;
  const q: ScoringQuery = { campId, asOf, lessons, revoked: JSON.stringify([...revoked]), only };
  const learnerFilter = only === null ? '' : 'AND (userid IS NULL OR userid IN (SELECT value FROM json_each(@only)))';
  for (const [type, columns] of ROW_QUERIES) {
    if (!types.has(type)) continue;
    const sql = `SELECT ${columns} FROM events WHERE camp_id = @campId AND type = '${type}' AND happened_at <= @asOf ${learnerFilter}`;
    for (const [id, userid, num, ref, text, at, actor] of sqlite.prepare(sql).raw(true).iterate(q) as Iterable<Row>) {
      add({ id, type, userid, num, text, ref, actor: actor ?? '', at, revokes: null });
    }
  }
  if (types.has('submission')) runAggregate(sqlite, q, submissionAggregate(asOf), add);
  if (types.has('lesson')) runAggregate(sqlite, q, lessonAggregate(asOf), add);
  if (types.has('checkin')) runAggregate(sqlite, q, checkinAggregate(asOf, closedSessions(sqlite, q, revoked)), add);
  const points = (['project', 'practice', 'participation'] as const).filter((t) => types.has(t));
  if (points.length > 0) runAggregate(sqlite, q, pointsAggregate(asOf, points), add);
}

type Row = [number, string | null, number | null, string | null, string | null, number, string | null];

/** Names of the sessions closed (not revoked) as of the query time, sorted. */
function closedSessions(sqlite: Sqlite.Database, q: ScoringQuery, revoked: ReadonlySet<number>): string[] {
  const rows = sqlite.prepare<ScoringQuery, { id: number; ref: string }>(
    `SELECT id, ref FROM events WHERE camp_id = @campId AND type = 'session' AND happened_at <= @asOf AND ref IS NOT NULL`,
  ).all(q);
  return [...new Set(rows.filter((row) => !revoked.has(row.id)).map((row) => row.ref))].sort();
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
