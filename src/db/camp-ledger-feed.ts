import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';
import { executorOf, type Db } from './db.js';
import type { Dialect } from './engine/executor.js';
import { SCORED_TYPES } from '../scoring/metric-event-types.js';
import { pendingEvents } from './ledger-seal.js';
import { noIndex } from './sql-dialect.js';

/**
 * Where a camp's ledger and settings stand: the place in the hash chain of its newest committed event, which every
 * committed append of the camp moves (links follow commit order on every engine; ids need not on PostgreSQL), and
 * when its config or roster changed.
 */
export interface CampVersion {
  lastSeq: number;
  /** That link's hash, which pins every link before it: a version read inside a transaction that rolled back shows. */
  lastHash: string | null;
  /** `camps.updated_at`, which saving the camp file and importing a roster both move forward. */
  updatedAt: number;
}

/** The camp's version now; an unknown camp has updatedAt -1. */
export async function campVersion(db: Db, campId: string): Promise<CampVersion> {
  const ex = executorOf(db);
  const row = await ex.get<{ lastSeq: number | null; lastHash: string | null; updatedAt: number | null }>(
    // Walking the chain down from the newest link stops at the camp's latest event (no sort of the camp's every event).
    `SELECT c.seq AS "lastSeq", c.hash AS "lastHash", (SELECT updated_at FROM camps WHERE id = @campId) AS "updatedAt"
     FROM (SELECT 1 AS one) AS anchor
     LEFT JOIN (SELECT l.seq, l.hash FROM ledger_chain l JOIN events e ON e.id = l.event_id
       WHERE ${noIndex(ex.dialect, 'e.camp_id')} = @campId ORDER BY l.seq DESC LIMIT 1) AS c ON 1 = 1`,
    { campId },
  );
  return { lastSeq: row?.lastSeq ?? 0, lastHash: row?.lastHash ?? null, updatedAt: row?.updatedAt ?? -1 };
}

/** The hash of link `seq` (null when there is none), to check that a cached prefix of the chain still stands. */
export async function linkHashAt(db: Db, seq: number): Promise<string | null> {
  const row = await executorOf(db).get<{ hash: string }>('SELECT hash FROM ledger_chain WHERE seq = ?', [seq]);
  return row?.hash ?? null;
}

/** Links of the chain, after `afterSeq` and up to `upToSeq`. */
export interface ChainRange {
  afterSeq: number;
  upToSeq: number;
}

type RawRow = [number, Fact['type'], string | null, number | null, string | null, string | null, string, number, number | null];

/** What the standings read: every scored event, and revocations. */
const FED_TYPES: ReadonlySet<string> = new Set([...SCORED_TYPES, 'revoke']);
const TYPES = `(${[...FED_TYPES].map((type) => `'${type}'`).join(', ')})`;
const FACT_COLUMNS = 'e.id, e.type, e.userid, e.num, e.text, e.ref, e.actor, e.happened_at, e.revokes';

/**
 * The query for `columns` of the camp's events (`events e`) of `types` (a SQL list) whose link lies in a chain range
 * (parameters `@campId`, `@afterSeq`, `@upToSeq`). The whole camp (afterSeq 0) is a scan of its events in id order,
 * each probing its link (no index, no sort; several times faster on SQLite than the camp index plus a sort). A few new
 * links are read from the chain's end, never from an events index (SQLite would otherwise walk the camp's every event
 * of those types: 150 ms on a month of chat).
 */
export function campEventsInRangeSql(dialect: Dialect, columns: string, types: string, range: ChainRange, orderBy = ''): string {
  const camp = `${noIndex(dialect, 'e.camp_id')} = @campId`;
  return range.afterSeq === 0
    ? `SELECT ${columns} FROM events e JOIN ledger_chain l ON l.event_id = e.id
       WHERE ${camp} AND e.type IN ${types} AND l.seq <= @upToSeq ${orderBy}`
    : `SELECT ${columns} FROM ledger_chain l JOIN events e ON e.id = l.event_id
       WHERE l.seq > @afterSeq AND l.seq <= @upToSeq AND ${camp} AND ${noIndex(dialect, 'e.type')} IN ${types} ${orderBy}`;
}

/**
 * Every scored event of the camp (revocations included) whose link lies in `range`, one fact at a time (the fact
 * passed is fresh each call: an accumulator may keep it). Links that committed before the newest one in the range
 * all committed before it, so a range read once is complete for good, whatever commits meanwhile.
 */
export async function feedCampEvents(db: Db, campId: string, range: ChainRange, add: (fact: Fact) => void): Promise<void> {
  const ex = executorOf(db);
  const sql = campEventsInRangeSql(ex.dialect, FACT_COLUMNS, TYPES, range);
  const rows = await ex.rows(sql, { campId, ...range });
  for (const [id, type, userid, num, text, ref, actor, at, revokes] of rows as RawRow[]) {
    add({ id, type, userid, num, text, ref, actor, at, revokes });
  }
}

/** The event ids revoked by the camp's revocations linked up to `upToSeq` (revocations of revocations resolved). */
export async function chainedRevoked(db: Db, campId: string, upToSeq: number): Promise<Set<number>> {
  const rows = await executorOf(db).all<Pick<Fact, 'id' | 'type' | 'revokes' | 'at'>>(
    `SELECT e.id, e.type, e.revokes, e.happened_at AS "at" FROM events e JOIN ledger_chain l ON l.event_id = e.id
     WHERE e.camp_id = ? AND e.type = 'revoke' AND e.revokes IS NOT NULL AND l.seq <= ?`,
    [campId, upToSeq],
  );
  return resolveRevoked(rows, Number.MAX_SAFE_INTEGER);
}

/** The camp's scored events (revocations included) appended in `db`'s transaction and not yet linked. */
export function pendingCampEvents(db: Db, campId: string): Fact[] {
  return pendingEvents(db)
    .filter(({ row }) => row.camp_id === campId && FED_TYPES.has(String(row.type)))
    .map(({ id, row }) => ({
      id, type: row.type as Fact['type'], userid: row.userid as string | null, num: row.num as number | null, text: row.text as string | null,
      ref: row.ref as string | null, actor: String(row.actor), at: Number(row.happened_at), revokes: row.revokes as number | null,
    }));
}
