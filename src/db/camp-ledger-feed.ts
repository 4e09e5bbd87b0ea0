import type { Fact } from '../scoring/fact.js';
import { executorOf, type Db } from './db.js';
import { SCORED_TYPES } from '../scoring/metric-event-types.js';
import { noIndex } from './sql-dialect.js';

/** Where a camp's ledger and settings stand: its newest event (id and hash) and when its config or roster changed. */
export interface CampVersion {
  lastEvent: number;
  lastHash: string | null;
  /** `camps.updated_at`, which saving the camp file and importing a roster both move forward. */
  updatedAt: number;
}

/** The camp's version now; an unknown camp has updatedAt -1. */
export async function campVersion(db: Db, campId: string): Promise<CampVersion> {
  const ex = executorOf(db);
  const row = await ex.get<{ lastEvent: number | null; lastHash: string | null; updatedAt: number | null }>(
    // Walking ids down from the newest stops at the camp's latest event (no sort of the camp's every event).
    `SELECT e.id AS "lastEvent", e.hash AS "lastHash", (SELECT updated_at FROM camps WHERE id = @campId) AS "updatedAt"
     FROM (SELECT 1 AS one) AS anchor
     LEFT JOIN (SELECT id, hash FROM events WHERE ${noIndex(ex.dialect, 'camp_id')} = @campId ORDER BY id DESC LIMIT 1) AS e ON 1 = 1`,
    { campId },
  );
  return { lastEvent: row?.lastEvent ?? 0, lastHash: row?.lastHash ?? null, updatedAt: row?.updatedAt ?? -1 };
}

/** The hash of one event of the camp (null when there is no such event), to check a cached prefix still stands. */
export async function eventHashOf(db: Db, campId: string, id: number): Promise<string | null> {
  const row = await executorOf(db).get<{ hash: string }>('SELECT hash FROM events WHERE id = ? AND camp_id = ?', [id, campId]);
  return row?.hash ?? null;
}

type RawRow = [number, Fact['type'], string | null, number | null, string | null, string | null, string, number, number | null];

const TYPES = [...SCORED_TYPES, 'revoke'].map((type) => `'${type}'`).join(', ');

/**
 * Every scored event of the camp (revocations included) recorded after event `afterId` and up to event `upTo` (the
 * version a cache records, so an event appended meanwhile is read next time, once), in recording order, one fact at a
 * time (the fact passed is fresh each call: an accumulator may keep it).
 */
export async function feedCampEvents(db: Db, campId: string, range: { afterId: number; upTo: number }, add: (fact: Fact) => void): Promise<void> {
  const ex = executorOf(db);
  // A scan in id order (no index, no sort) is several times faster on SQLite than the camp index plus a sort.
  const rows = await ex.rows(
    `SELECT id, type, userid, num, text, ref, actor, happened_at, revokes FROM events
     WHERE ${noIndex(ex.dialect, 'camp_id')} = @campId AND id > @afterId AND id <= @upTo AND type IN (${TYPES}) ORDER BY id`,
    { campId, ...range },
  );
  for (const [id, type, userid, num, text, ref, actor, at, revokes] of rows as RawRow[]) {
    add({ id, type, userid, num, text, ref, actor, at, revokes });
  }
}
