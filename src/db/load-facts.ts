import { COUNT_METRICS } from '../camp/camp-config.js';
import type { EventType } from '../scoring/event-type.js';
import { SCORED_TYPES } from '../scoring/metric-event-types.js';
import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';
import {
  checkinAggregate, lessonAggregate, planAggregate, pointsAggregate, submissionAggregate, type AddFact,
  type PlannedAggregate, type ScoringQuery,
} from './aggregate-facts.js';
import { bulkRows, bulkSelect } from './bulk-select.js';
import { executorOf, type Db } from './db.js';
import type { Executor } from './engine/executor.js';
import { EVERYONE, learnerRanges, type UseridRange } from './learner-ranges.js';
import { runHere, startQueries } from './parallel-queries.js';
import { inJsonArray } from './sql-dialect.js';

/** Ids revoked as of `asOf` (an undone `/undo` restores its event). */
export async function loadRevoked(db: Db, campId: string, asOf: number): Promise<Set<number>> {
  const rows = await executorOf(db).all<Pick<Fact, 'id' | 'type' | 'revokes' | 'at'>>(
    `SELECT id, type, revokes, happened_at AS "at" FROM events
     WHERE camp_id = ? AND type = 'revoke' AND happened_at <= ? AND revokes IS NOT NULL`,
    [campId, asOf],
  );
  return resolveRevoked(rows, asOf);
}

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
   * Run the big per-learner aggregates beside this thread's reads (see `startQueries`): a worker thread's own
   * connection on a SQLite file, several pooled connections on PostgreSQL.
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
export async function feedCampFacts(
  db: Db, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number, add: AddFact,
  options: FeedOptions = {},
): Promise<void> {
  await (await readCampFacts(db, campId, asOf, revoked, lessons, options))(add);
}

/**
 * Starts reading what `feedCampFacts` feeds (with `parallel`, the aggregates start beside this thread now) and
 * returns the function that feeds it, so the caller can do other work, such as loading the roster, in between.
 */
export async function readCampFacts(
  db: Db, campId: string, asOf: number, revoked: ReadonlySet<number>, lessons: number,
  options: FeedOptions = {},
): Promise<(add: AddFact) => Promise<void>> {
  const ex = executorOf(db);
  const types = options.types ?? new Set(SCORED_TYPES);
  const only = options.only ? JSON.stringify(options.only) : null;
  const q: ScoringQuery = { campId, asOf, lessons, revoked: JSON.stringify([...revoked]), only };
  const ranges = options.only ? [EVERYONE] : await learnerRanges(ex, campId, options.rangeSize ?? RANGE_SIZE);
  const aside: PlannedAggregate[] = [];
  if (types.has('submission')) aside.push(await planAggregate(ex, q, submissionAggregate(asOf), ranges));
  if (types.has('lesson')) aside.push(await planAggregate(ex, q, lessonAggregate(asOf), ranges));
  if (types.has('checkin')) {
    const closed = await closedSessions(ex, q, revoked);
    aside.push(await planAggregate(ex, q, checkinAggregate(asOf, closed), ranges));
  }
  for (const type of COUNT_METRICS) {
    if (types.has(type)) aside.push(await planAggregate(ex, q, pointsAggregate(asOf, type), ranges));
  }
  const queries = aside.flatMap((planned) => planned.queries);
  const pending = options.parallel ? startQueries(ex, queries) : runHere(ex, queries);
  return async (add) => {
    await feedRows(ex, q, types, ranges, add);
    const rows = await pending.results();
    for (const planned of aside) planned.feed(rows.splice(0, planned.queries.length), add);
  };
}

/** Row-by-row facts, fed through one reused fact. */
async function feedRows(
  ex: Executor, q: ScoringQuery, types: ReadonlySet<EventType>, ranges: readonly UseridRange[], add: AddFact,
): Promise<void> {
  const fact: Fact = { id: 0, type: 'exam', userid: null, num: null, text: null, ref: null, actor: '', at: 0, revokes: null };
  for (const [type, columns] of ROW_QUERIES) {
    if (!types.has(type)) continue;
    const at = (column: RowColumn): number => (columns.includes(column) ? columns.indexOf(column) + 2 : -1);
    const [userid, num, ref, text, actor] = [at('userid'), at('num'), at('ref'), at('text'), at('actor')];
    // Facts about learners are read slice by slice; a userid range would leave out camp-wide ones (no userid).
    for (const range of userid < 0 ? [EVERYONE] : ranges) {
      const result = await ex.rows(rowsSql(ex, type, columns, q, range), { ...q, ...range.params });
      fact.type = type;
      bulkRows(ex.dialect, result)((row) => {
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

function rowsSql(ex: Executor, type: EventType, columns: readonly RowColumn[], q: ScoringQuery, range: UseridRange): string {
  const learnerFilter = q.only === null ? '' : `AND (userid IS NULL OR ${inJsonArray(ex.dialect, 'userid', 'only')})`;
  const select = `SELECT id, happened_at, ${columns.join(', ')} FROM events
    WHERE camp_id = @campId AND type = '${type}' AND happened_at <= @asOf ${learnerFilter} ${range.filter}`;
  return bulkSelect(ex.dialect, select, ['id', 'happened_at', ...columns], ['num']);
}

/** Names of the sessions closed (not revoked) as of the query time, sorted. */
async function closedSessions(ex: Executor, q: ScoringQuery, revoked: ReadonlySet<number>): Promise<string[]> {
  const rows = await ex.all<{ id: number; ref: string }>(
    `SELECT id, ref FROM events WHERE camp_id = @campId AND type = 'session' AND happened_at <= @asOf AND ref IS NOT NULL`,
    { campId: q.campId, asOf: q.asOf },
  );
  return [...new Set(rows.filter((row) => !revoked.has(row.id)).map((row) => row.ref))].sort();
}

/**
 * Every non-revoked event about one learner (as author or subject, or as reviewer) as of `asOf`, in recording order,
 * plus the camp's sessions and assignments — what `/why` lists behind each metric.
 */
export async function loadFactsForLearner(db: Db, campId: string, userid: string, asOf: number): Promise<Fact[]> {
  const revoked = await loadRevoked(db, campId, asOf);
  const columns = 'id, type, userid, num, text, ref, actor, happened_at AS "at", revokes';
  const rows = await executorOf(db).all<Fact>(
    `SELECT ${columns} FROM events WHERE camp_id = @campId AND userid = @userid AND happened_at <= @asOf
     UNION SELECT ${columns} FROM events WHERE camp_id = @campId AND type = 'review' AND actor = @userid AND happened_at <= @asOf
     UNION SELECT ${columns} FROM events WHERE camp_id = @campId AND type IN ('session', 'assignment') AND happened_at <= @asOf
     ORDER BY id`,
    { campId, userid, asOf },
  );
  return rows.filter((fact) => !revoked.has(fact.id));
}

/**
 * Which exams and graded assignments exist is decided camp-wide: one live score of each exam and one live grade of
 * each assignment (of an enrolled learner other than `userid`) stand for everyone else's — what `/why` adds to a
 * learner's own facts.
 */
export function loadCampWideFacts(db: Db, campId: string, userid: string, asOf: number): Promise<Fact[]> {
  return executorOf(db).all<Fact>(
    `SELECT id, type, userid, num, text, ref, actor, happened_at AS "at", revokes FROM events WHERE id IN (
       SELECT min(id) FROM events
       WHERE camp_id = @campId AND type IN ('exam', 'grade') AND userid <> @userid AND num IS NOT NULL AND happened_at <= @asOf
         AND userid IN (SELECT userid FROM members WHERE camp_id = @campId AND role = 'learner')
         AND id NOT IN (SELECT revokes FROM events WHERE camp_id = @campId AND type = 'revoke' AND revokes IS NOT NULL)
       GROUP BY type, ref)`,
    { campId, userid, asOf },
  );
}
