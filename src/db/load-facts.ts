import type Sqlite from 'better-sqlite3';
import type { EventType } from './event-types.js';
import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';
import {
  checkinAggregate, lessonAggregate, planAggregate, pointsAggregate, submissionAggregate, type AddFact,
  type PlannedAggregate, type ScoringQuery,
} from './aggregate-facts.js';
import { bulkRows, bulkSelect, exact } from './bulk-select.js';
import { EVERYONE, learnerRanges, type UseridRange } from './learner-ranges.js';
import { runHere, runInWorker } from './parallel-queries.js';

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

type RowColumn = 'userid' | 'num' | 'ref' | 'text' | 'actor';

/**
 * Row-by-row types and the columns scoring reads of them besides `id` and `happened_at` (all but `assignment` and
 * `weights` from the covering index).
 */
const ROW_QUERIES: [EventType, RowColumn[]][] = [
  ['exam', ['userid', 'num', 'ref']],
  ['grade', ['userid', 'num', 'ref']],
  ['review', ['userid', 'num', 'ref', 'actor']],
  ['session', ['ref']],
  ['assignment', ['ref', 'text']],
  ['weights', ['text']],
];

/** Learners per slice of a big camp's reads (see `learnerRanges`). */
const RANGE_SIZE = 20_000;

export interface FeedOptions {
  /** Only these types (default: every scored type). */
  types?: ReadonlySet<EventType>;
  /** Only these learners' per-learner events (camp-wide events are always read). */
  only?: readonly string[];
  /**
   * Run the big per-learner aggregates on a worker thread's own connection while this thread reads the rest. Only
   * for a file database read outside a transaction (see `runInWorker`).
   */
  parallel?: boolean;
  /** Learners per slice of the reads (default 20,000; see `learnerRanges`). */
  rangeSize?: number;
}

/**
 * Feeds a score accumulator created with the same `revoked` set everything it needs of a camp as of `asOf`, exactly
 * as if it were fed every event, but reading only the covering index `events_camp_type` (except assignment and
 * weights rows) and far fewer rows: points arrive as one summed fact per learner and metric, lessons as the learner's
 * distinct valid lessons 1..k, check-ins as k distinct closed sessions, submissions once per (learner, assignment).
 * Row-by-row facts may include revoked events (the accumulator drops them); aggregates leave them out. The facts
 * passed to `add` are reused between calls: read them, never keep them.
 */
export function feedCampFacts(
  sqlite: Sqlite.Database, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number, add: AddFact,
  options: FeedOptions = {},
): void {
  readCampFacts(sqlite, campId, asOf, revoked, lessons, options)(add);
}

/**
 * Starts reading what `feedCampFacts` feeds (with `parallel`, the aggregates start on a worker thread now) and
 * returns the function that feeds it, so the caller can do other work, such as loading the roster, in between.
 */
export function readCampFacts(
  sqlite: Sqlite.Database, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number,
  options: FeedOptions = {},
): (add: AddFact) => void {
  const types = options.types ?? new Set(SCORED_TYPES);
  const only = options.only ? JSON.stringify(options.only) : null;
  const q: ScoringQuery = { campId, asOf, lessons, revoked: JSON.stringify([...revoked]), only };
  const ranges = options.only ? [EVERYONE] : learnerRanges(sqlite, campId, options.rangeSize ?? RANGE_SIZE);
  const aside: PlannedAggregate[] = [];
  if (types.has('submission')) aside.push(planAggregate(sqlite, q, submissionAggregate(asOf), ranges));
  if (types.has('lesson')) aside.push(planAggregate(sqlite, q, lessonAggregate(asOf), ranges));
  if (types.has('checkin')) aside.push(planAggregate(sqlite, q, checkinAggregate(asOf, closedSessions(sqlite, q, revoked)), ranges));
  for (const type of ['project', 'practice', 'participation'] as const) {
    if (types.has(type)) aside.push(planAggregate(sqlite, q, pointsAggregate(asOf, type), ranges));
  }
  const queries = aside.flatMap((planned) => planned.queries);
  const pending = options.parallel ? runInWorker(sqlite, queries) : runHere(sqlite, queries);
  return (add) => {
    feedRows(sqlite, q, types, ranges, add);
    const rows = pending.results();
    for (const planned of aside) planned.feed(rows.splice(0, planned.queries.length), add);
  };
}

/** Row-by-row facts, fed through one reused fact. */
function feedRows(
  sqlite: Sqlite.Database, q: ScoringQuery, types: ReadonlySet<EventType>, ranges: readonly UseridRange[], add: AddFact,
): void {
  const fact: Fact = { id: 0, type: 'exam', userid: null, num: null, text: null, ref: null, actor: '', at: 0, revokes: null };
  for (const [type, columns] of ROW_QUERIES) {
    if (!types.has(type)) continue;
    const at = (column: RowColumn): number => (columns.includes(column) ? columns.indexOf(column) + 2 : -1);
    const [userid, num, ref, text, actor] = [at('userid'), at('num'), at('ref'), at('text'), at('actor')];
    fact.type = type;
    // Facts about learners are read slice by slice; a userid range would leave out camp-wide ones (no userid).
    for (const range of userid < 0 ? [EVERYONE] : ranges) {
      bulkRows(sqlite.prepare(rowsSql(type, columns, q, range)).raw(true).all({ ...q, ...range.params }) as unknown[][])((row) => {
        fact.id = row[0] as number;
        fact.at = row[1] as number;
        fact.userid = userid < 0 ? null : (row[userid] as string | null);
        fact.num = num < 0 ? null : (row[num] as number | null);
        fact.ref = ref < 0 ? null : (row[ref] as string | null);
        fact.text = text < 0 ? null : (row[text] as string | null);
        fact.actor = actor < 0 ? '' : ((row[actor] as string | null) ?? '');
        add(fact);
      });
    }
  }
}

function rowsSql(type: EventType, columns: readonly RowColumn[], q: ScoringQuery, range: UseridRange): string {
  const learnerFilter = q.only === null ? '' : 'AND (userid IS NULL OR userid IN (SELECT value FROM json_each(@only)))';
  const select = `SELECT id, happened_at, ${columns.join(', ')} FROM events
    WHERE camp_id = @campId AND type = '${type}' AND happened_at <= @asOf ${learnerFilter} ${range.filter}`;
  return bulkSelect(select, ['id', 'happened_at', ...columns.map((c) => (c === 'num' ? exact(c) : c))]);
}

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
