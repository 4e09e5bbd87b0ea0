import type Sqlite from 'better-sqlite3';
import type { EventType } from '../db/event-types.js';
import { loadCamp } from '../db/camp-store.js';
import { loadRevoked } from '../db/load-facts.js';
import { prepared } from '../db/prepared.js';
import { learnersOf } from '../db/roster-store.js';
import type { Fact } from '../scoring/fact.js';
import { createScoreAccumulator, type ScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Standings } from '../scoring/standings.js';

/** Standings per camp, recomputed only as far as the camp's ledger, config or roster changed. */
export interface StandingsCache {
  /** The camp's standings as of `now`; throws when the camp does not exist. */
  get(sqlite: Sqlite.Database, campId: string, now: number): Standings;
}

interface Version {
  lastEvent: number;
  /** Config time and roster shape: any change means a full recompute. */
  base: string;
}

interface Entry {
  version: Version;
  accumulator: ScoreAccumulator;
  standings: Standings;
}

// Events never happen after they arrive (imports refuse future times), so "as of the end of time" equals "as of now"
// and the accumulator can keep taking newer events.
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

// `+camp_id` keeps SQLite from using the camp index (and sorting the camp's every event); walking ids down from the
// newest stops at the camp's latest event.
const VERSION_SQL = `SELECT
  (SELECT id FROM events WHERE +camp_id = @campId ORDER BY id DESC LIMIT 1) AS lastEvent,
  (SELECT updated_at FROM camps WHERE id = @campId) AS updatedAt,
  (SELECT count(*) FROM members WHERE camp_id = @campId) AS members,
  (SELECT max(rowid) FROM members WHERE camp_id = @campId) AS lastMember`;

const SCORED = `type IN ('session', 'assignment', 'weights', 'exam', 'submission', 'grade', 'review', 'lesson', 'checkin',
  'project', 'practice', 'participation', 'revoke')`;

// A scan in id order (no index, no sort) in raw rows is several times faster than the camp index plus a sort.
const ALL_SQL = `SELECT id, type, userid, num, text, ref, actor, happened_at, revokes FROM events
  WHERE +camp_id = @campId AND ${SCORED} ORDER BY id`;

type RawRow = [number, Fact['type'], string | null, number | null, string | null, string | null, string, number, number | null];

function toFact([id, type, userid, num, text, ref, actor, at, revokes]: RawRow): Fact {
  return { id, type, userid, num, text, ref, actor, at, revokes };
}

const NEWER_SQL = `SELECT id, type, userid, num, text, ref, actor, happened_at AS at, revokes FROM events
  WHERE +camp_id = @campId AND id > @after AND ${SCORED} ORDER BY id`;

function versionOf(sqlite: Sqlite.Database, campId: string): Version {
  const row = prepared<{ campId: string }, { lastEvent: number | null; updatedAt: number | null; members: number; lastMember: number | null }>(
    sqlite,
    VERSION_SQL,
  ).get({ campId });
  return { lastEvent: row?.lastEvent ?? 0, base: `${row?.updatedAt ?? 0}:${row?.members ?? 0}:${row?.lastMember ?? 0}` };
}

function fullEntry(sqlite: Sqlite.Database, campId: string, version: Version): Entry {
  const config = loadCamp(sqlite, campId);
  if (!config) throw new Error(`camp ${campId} does not exist`);
  const revoked = loadRevoked(sqlite, campId, END_OF_TIME);
  const accumulator = createScoreAccumulator({ config, learners: learnersOf(sqlite, campId), asOf: END_OF_TIME, revoked });
  // Every event one by one (not the aggregated feed of `feedCampFacts`), so that later events can be added on top.
  const rows = sqlite.prepare<{ campId: string }, RawRow>(ALL_SQL).raw(true).iterate({ campId }) as IterableIterator<RawRow>;
  for (const row of rows) accumulator.add(toFact(row));
  return { version, accumulator, standings: accumulator.finish() };
}

/** Feeds the events recorded since the entry was built; null when one of them needs a full recompute (a revocation). */
function advanced(sqlite: Sqlite.Database, campId: string, entry: Entry, version: Version): Entry | null {
  const newer = prepared<{ campId: string; after: number }, Fact>(sqlite, NEWER_SQL).all({ campId, after: entry.version.lastEvent });
  if (newer.some((fact) => fact.type === ('revoke' satisfies EventType))) return null;
  for (const fact of newer) entry.accumulator.add(fact);
  return { version, accumulator: entry.accumulator, standings: entry.accumulator.finish() };
}

/**
 * A cache keyed by (the camp's latest event id, its config's updated_at, its roster), so repeated `/me` and `/rank`
 * do not recompute; new events (chat participation, scores) are added to the kept score accumulator instead of
 * re-reading the ledger. A revocation, a config change or a roster change recomputes from the ledger.
 * @example const cache = createStandingsCache(); cache.get(sqlite, 'ai-2026q4', Date.now()).rows[0]
 */
export function createStandingsCache(maxCamps = 8): StandingsCache {
  const databases = new WeakMap<Sqlite.Database, Map<string, Entry>>();
  return {
    get(sqlite, campId, now) {
      let entries = databases.get(sqlite);
      if (!entries) databases.set(sqlite, (entries = new Map()));
      const version = versionOf(sqlite, campId);
      const hit = entries.get(campId);
      entries.delete(campId);
      let entry: Entry | null = null;
      if (hit && hit.version.base === version.base) {
        entry = hit.version.lastEvent === version.lastEvent ? hit : advanced(sqlite, campId, hit, version);
      }
      entry ??= fullEntry(sqlite, campId, version);
      entries.set(campId, entry);
      if (entries.size > maxCamps) entries.delete(entries.keys().next().value!);
      return { ...entry.standings, asOf: now };
    },
  };
}
