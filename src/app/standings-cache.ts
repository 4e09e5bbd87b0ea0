import { loadCamp } from '../db/camp-store.js';
import { campVersion, eventHashOf, feedCampEvents, type CampVersion } from '../db/camp-ledger-feed.js';
import type { Db } from '../db/db.js';
import { loadRevoked } from '../db/load-facts.js';
import { learnersOf } from '../db/roster-store.js';
import { createScoreAccumulator, type ScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Standings } from '../scoring/standings.js';

/** Standings per camp, recomputed only as far as the camp's ledger, config or roster changed. */
export interface StandingsCache {
  /** The camp's standings as of `now`; throws when the camp does not exist. */
  get(db: Db, campId: string, now: number): Promise<Standings>;
}

interface Entry {
  version: CampVersion;
  accumulator: ScoreAccumulator;
  standings: Standings;
}

// Events never happen after they arrive (imports refuse future times), so "as of the end of time" equals "as of now"
// and the accumulator can keep taking newer events.
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

async function fullEntry(db: Db, campId: string, version: CampVersion): Promise<Entry> {
  const config = await loadCamp(db, campId);
  if (!config) throw new Error(`camp ${campId} does not exist`);
  const revoked = await loadRevoked(db, campId, END_OF_TIME);
  const accumulator = createScoreAccumulator({ config, learners: await learnersOf(db, campId), asOf: END_OF_TIME, revoked });
  // Every event one by one (not the aggregated feed of `feedCampFacts`), so that later events can be added on top.
  await feedCampEvents(db, campId, { afterId: 0, upTo: version.lastEvent }, (fact) => accumulator.add(fact));
  return { version, accumulator, standings: accumulator.finish() };
}

/**
 * The entry brought up to `version` by adding the events recorded since, or null when that is not possible: the
 * cached prefix no longer stands (it was read inside a transaction that rolled back) or a newer event is a revocation.
 */
async function advanced(db: Db, campId: string, entry: Entry, version: CampVersion): Promise<Entry | null> {
  if (entry.version.updatedAt !== version.updatedAt || entry.version.lastEvent > version.lastEvent) return null;
  if (entry.version.lastEvent === version.lastEvent) return entry.version.lastHash === version.lastHash ? entry : null;
  if (entry.version.lastEvent > 0 && (await eventHashOf(db, campId, entry.version.lastEvent)) !== entry.version.lastHash) return null;
  let revocation = false;
  await feedCampEvents(db, campId, { afterId: entry.version.lastEvent, upTo: version.lastEvent }, (fact) => {
    if (fact.type === 'revoke') revocation = true;
    else entry.accumulator.add(fact);
  });
  if (revocation) return null;
  return { version, accumulator: entry.accumulator, standings: entry.accumulator.finish() };
}

/**
 * A cache keyed by the camp's newest event (id and hash) and its config/roster version, so repeated `/me` and `/rank`
 * do not recompute; new events (chat participation, scores) are added to the kept score accumulator instead of
 * re-reading the ledger. A revocation, a config or roster change, or a rolled-back read recomputes from the ledger.
 * Correct beside other instances: every call reads the version from the database. Calls for one camp run one after
 * another (the console asks many at once), so each one finds the entry the previous one left.
 * @example const cache = createStandingsCache(); (await cache.get(store, 'ai-2026q4', Date.now())).rows[0]
 */
export function createStandingsCache(maxCamps = 8): StandingsCache {
  const entries = new Map<string, Entry>();
  const running = new Map<string, Promise<unknown>>();
  const current = async (db: Db, campId: string, now: number): Promise<Standings> => {
    const version = await campVersion(db, campId);
    const hit = entries.get(campId);
    entries.delete(campId);
    const entry = (hit ? await advanced(db, campId, hit, version) : null) ?? (await fullEntry(db, campId, version));
    entries.set(campId, entry);
    if (entries.size > maxCamps) entries.delete(entries.keys().next().value!);
    return { ...entry.standings, asOf: now };
  };
  return {
    get(db, campId, now) {
      const next = (running.get(campId) ?? Promise.resolve()).catch(() => undefined).then(() => current(db, campId, now));
      running.set(campId, next);
      void next.finally(() => running.get(campId) === next && running.delete(campId)).catch(() => undefined);
      return next;
    },
  };
}
