import { requireCamp } from '../db/camp-standings.js';
import { createdSourcesOfCamp } from '../db/created-sources.js';
import { transaction, type Db } from '../db/db.js';
import type { NewEvent } from '../db/event-types.js';
import { appendEvent } from '../db/ledger.js';
import { recordedDedupeKeys } from '../db/recorded-dedupe-keys.js';
import { learnersOf } from '../db/roster-store.js';
import { WeComApiError, WeComNetworkError } from '../errors.js';
import { campSources, type Source } from './camp-sources.js';
import { readSource, type SourceClient } from './read-source.js';
import { sourceEvents } from './source-events.js';
import { tellTrainersRefused } from './tell-trainers-refused.js';

export interface SyncDeps {
  db: Db;
  client: SourceClient;
  now?: () => number;
}

/** What became of one source: read (new events recorded), not over yet, called off, refused by WeCom, or unreachable. */
export type SourceOutcome =
  | { source: Source; kind: 'recorded'; added: number; endsAt: number }
  | { source: Source; kind: 'upcoming'; endsAt: number }
  | { source: Source; kind: 'called-off' }
  | { source: Source; kind: 'refused'; error: WeComApiError }
  | { source: Source; kind: 'unreachable'; error: WeComNetworkError };

/** True when the source was read (whatever it held). */
export function wasRead(outcome: SourceOutcome): boolean {
  return outcome.kind !== 'refused' && outcome.kind !== 'unreachable';
}

/**
 * Pulls every source of the camp from WeCom now (SPEC §13), one after another. Each source is fetched whole (every
 * page) before anything is written, then recorded in one transaction of its own: all of it or, when WeCom refuses or
 * cannot be reached, none of it, while the other sources still are. A refusal is told to the camp's trainers once
 * (outbox). Only enrolled learners count; pulling again records nothing new.
 * @example const outcomes = await syncCampSources({ db: store, client }, 'ai-2026q4');
 */
export async function syncCampSources(deps: SyncDeps, campId: string): Promise<SourceOutcome[]> {
  const now = deps.now ?? Date.now;
  const camp = await requireCamp(deps.db, campId);
  const sources = campSources(camp, await createdSourcesOfCamp(deps.db, campId));
  if (sources.length === 0) return [];
  const learners = new Set((await learnersOf(deps.db, campId)).map((learner) => learner.userid));
  const outcomes: SourceOutcome[] = [];
  for (const source of sources) outcomes.push(await syncSource(deps, campId, source, learners, now));
  return outcomes;
}

async function syncSource(deps: SyncDeps, campId: string, source: Source, learners: ReadonlySet<string>, now: () => number): Promise<SourceOutcome> {
  let reading;
  try {
    reading = await readSource(deps.client, source, now());
  } catch (error) {
    if (error instanceof WeComApiError) {
      await transaction(deps.db, (tx) => tellTrainersRefused(tx, campId, source, error, now()));
      return { source, kind: 'refused', error };
    }
    if (error instanceof WeComNetworkError) return { source, kind: 'unreachable', error };
    throw error;
  }
  if (reading.state !== 'over') return reading.state === 'upcoming' ? { source, kind: 'upcoming', endsAt: reading.endsAt } : { source, kind: 'called-off' };
  const added = await recordNew(deps.db, sourceEvents(campId, source, reading.endsAt, reading.participants, learners), now());
  return { source, kind: 'recorded', added, endsAt: reading.endsAt };
}

/** Appends, in one transaction, the events whose dedupe key the ledger does not hold yet; returns how many. */
async function recordNew(db: Db, events: readonly NewEvent[], now: number): Promise<number> {
  const known = await recordedDedupeKeys(db, events.map((event) => event.dedupeKey ?? ''));
  const fresh = events.filter((event) => !known.has(event.dedupeKey ?? ''));
  if (fresh.length === 0) return 0;
  return transaction(db, async (tx) => {
    let added = 0;
    for (const event of fresh) if (!(await appendEvent(tx, event, now)).duplicate) added += 1;
    return added;
  });
}
