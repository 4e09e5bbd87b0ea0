import { loadCamp } from '../db/camp-store.js';
import { campVersion, chainedRevoked, feedCampEvents, linkHashAt, pendingCampEvents, type CampVersion } from '../db/camp-ledger-feed.js';
import { loadCampStandings } from '../db/camp-standings.js';
import type { Db } from '../db/db.js';
import { learnersOf } from '../db/roster-store.js';
import type { Fact } from '../scoring/fact.js';
import { createScoreAccumulator, type ScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Standings } from '../scoring/standings.js';

/** Standings per camp, recomputed only as far as the camp's ledger, config or roster changed. */
export interface StandingsCache {
  /** The camp's standings as of `now`; throws when the camp does not exist. */
  get(db: Db, campId: string, now: number): Promise<Standings>;
}

/** The camp's committed events up to a place in the chain, scored. */
interface Entry {
  version: CampVersion;
  accumulator: ScoreAccumulator;
  /** Worked out when first asked for: a reader with uncommitted events of its own scores a fork instead. */
  standings: Standings | null;
}

// Events never happen after they arrive (imports refuse future times), so "as of the end of time" equals "as of now"
// and the accumulator can keep taking newer events.
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

async function fullEntry(db: Db, campId: string, version: CampVersion): Promise<Entry> {
  const config = await loadCamp(db, campId);
  if (!config) throw new Error(`camp ${campId} does not exist`);
  const revoked = await chainedRevoked(db, campId, version.lastSeq);
  const accumulator = createScoreAccumulator({ config, learners: await learnersOf(db, campId), asOf: END_OF_TIME, revoked });
  // Every event one by one (not the aggregated feed of `feedCampFacts`), so that later events can be added on top.
  await feedCampEvents(db, campId, { afterSeq: 0, upToSeq: version.lastSeq }, (fact) => accumulator.add(fact));
  return { version, accumulator, standings: null };
}

/**
 * The entry brought up to `version` by adding the events committed since, or null when that is not possible: the
 * config or roster changed, the entry is ahead of this reader's snapshot, its prefix of the chain no longer stands (it
 * was read inside a transaction that rolled back), or a newer event is a revocation.
 */
async function advanced(db: Db, campId: string, entry: Entry, version: CampVersion): Promise<Entry | null> {
  if (entry.version.updatedAt !== version.updatedAt || entry.version.lastSeq > version.lastSeq) return null;
  if (entry.version.lastSeq === version.lastSeq) return entry.version.lastHash === version.lastHash ? entry : null;
  if (entry.version.lastSeq > 0 && (await linkHashAt(db, entry.version.lastSeq)) !== entry.version.lastHash) return null;
  let revocation = false;
  await feedCampEvents(db, campId, { afterSeq: entry.version.lastSeq, upToSeq: version.lastSeq }, (fact) => {
    if (fact.type === 'revoke') revocation = true;
    else entry.accumulator.add(fact);
  });
  if (revocation) return null;
  return { version, accumulator: entry.accumulator, standings: null };
}

/** The entry's standings with the reader's own uncommitted events added, on a copy (the entry keeps only what committed). */
function withPending(entry: Entry, pending: readonly Fact[]): Standings {
  if (pending.length === 0) return (entry.standings ??= entry.accumulator.finish());
  const accumulator = entry.accumulator.fork();
  for (const fact of pending) accumulator.add(fact);
  return accumulator.finish();
}

/**
 * A cache keyed by the camp's place in the hash chain (its newest committed event's link) and its config/roster
 * version, so repeated `/me` and `/rank` do not recompute; newly committed events (chat participation, scores) are
 * added to the kept score accumulator instead of re-reading the ledger, and the reader's own transaction's events,
 * not committed yet, are added to a copy of it. A revocation or a config or roster change recomputes from the ledger.
 * Correct beside other instances: every call reads the version from the database. Calls for one camp take turns, so
 * concurrent transactions advance one entry rather than each recomputing.
 * @example const cache = createStandingsCache(); (await cache.get(store, 'ai-2026q4', Date.now())).rows[0]
 */
export function createStandingsCache(maxCamps = 8): StandingsCache {
  const entries = new Map<string, Entry>();
  const turns = new Map<string, Promise<unknown>>();
  const inTurn = <T>(campId: string, work: () => Promise<T>): Promise<T> => {
    const turn = (turns.get(campId) ?? Promise.resolve()).then(work);
    const settled = turn.catch(() => undefined);
    turns.set(campId, settled);
    void settled.then(() => turns.get(campId) === settled && turns.delete(campId));
    return turn;
  };
  const current = async (db: Db, campId: string, version: CampVersion): Promise<Entry> => {
    const hit = entries.get(campId);
    entries.delete(campId);
    const entry = (hit ? await advanced(db, campId, hit, version) : null) ?? (await fullEntry(db, campId, version));
    entries.set(campId, entry);
    if (entries.size > maxCamps) entries.delete(entries.keys().next().value!);
    return entry;
  };
  return {
    get: (db, campId, now) => inTurn(campId, async () => {
      const pending = pendingCampEvents(db, campId);
      // An uncommitted revocation may undo what the kept accumulator has added: this once, from the ledger.
      if (pending.some((fact) => fact.type === 'revoke')) return loadCampStandings(db, campId, now);
      const entry = await current(db, campId, await campVersion(db, campId));
      return { ...withPending(entry, pending), asOf: now };
    }),
  };
}
