import type { CampConfig } from '../camp/camp-config.js';
import { endOfLocalDayMs, localDateOf } from '../camp/time-zone.js';
import { campConfigs } from '../db/camp-store.js';
import type { Db } from '../db/db.js';
import { acquireLease, releaseLease } from '../db/lease-store.js';
import { sourceKey, type Source } from './camp-sources.js';
import { outcomeLine } from './outcome-line.js';
import type { SourceClient } from './read-source.js';
import { syncCampSources, type SourceOutcome } from './sync-camp-sources.js';

export interface SourceSyncOptions {
  db: Db;
  client: SourceClient;
  /** This process, as the pull lease's holder. */
  holder: string;
  log: (line: string) => void;
  now?: () => number;
  /** How often the camps' sources are pulled (default 10 min). */
  intervalMs?: number;
  /** How long after a source's end it is pulled once more (default 2 min; WeCom's statistics settle). */
  afterEndMs?: number;
}

export interface SourceSync {
  /** One pull of every running camp's sources, if this process holds the pull lease. */
  pullNow(): Promise<void>;
  stop(): Promise<void>;
}

export const SOURCES_LEASE = 'sources-sync';
const DAY_MS = 86_400_000;
/** Timers further out than this are left to the periodic pull (and Node's timers stop at ~24.8 days). */
const MAX_TIMER_MS = DAY_MS;

/**
 * `serve`'s own pulling of WeCom sources (SPEC §13): at start and every `intervalMs` while a camp runs (its days and
 * the day after, for a last evening's lesson), and once more shortly after each source's end. With several instances
 * one pulls: whoever holds the `sources-sync` lease, taken for two intervals at each pull, so another instance takes
 * over within about three intervals of the holder's death. Pulling is idempotent anyway (dedupe keys).
 * @example const sync = startSourceSync({ db: store, client, holder, log }); … await sync.stop();
 */
export function startSourceSync(options: SourceSyncOptions): SourceSync {
  const intervalMs = options.intervalMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const afterEnd = new Map<string, NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const serially = (work: () => Promise<void>): Promise<void> => (chain = chain.then(work).catch((error: unknown) => options.log(`sources: pull failed: ${String((error as Error)?.message ?? error)}`)));

  const pullCamp = async (camp: CampConfig): Promise<void> => {
    const outcomes = await syncCampSources({ db: options.db, client: options.client, now }, camp.id);
    for (const outcome of outcomes) {
      if (isWorthLogging(outcome)) options.log(`sources: ${camp.id}: ${outcomeLine(outcome, camp.timezone)}`);
      if (outcome.kind === 'upcoming') pullAfterEnd(camp, outcome.source, outcome.endsAt);
    }
  };
  const pullAfterEnd = (camp: CampConfig, source: Source, endsAt: number): void => {
    const key = `${camp.id}:${sourceKey(source)}`;
    const wait = endsAt + (options.afterEndMs ?? 120_000) - now();
    if (stopped || afterEnd.has(key) || endsAt <= now() || wait > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      afterEnd.delete(key);
      void serially(() => pullCamp(camp));
    }, wait);
    timer.unref();
    afterEnd.set(key, timer);
  };
  const pullAll = async (): Promise<void> => {
    if (stopped || !(await acquireLease(options.db, SOURCES_LEASE, options.holder, now(), 2 * intervalMs))) return;
    for (const { config } of await campConfigs(options.db)) {
      const camp = JSON.parse(config) as CampConfig;
      if (isRunning(camp, now())) await pullCamp(camp);
    }
  };

  void serially(pullAll);
  const timer = setInterval(() => void serially(pullAll), intervalMs);
  timer.unref();
  return {
    pullNow: () => serially(pullAll),
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const pending of afterEnd.values()) clearTimeout(pending);
      await chain;
      await releaseLease(options.db, SOURCES_LEASE, options.holder).catch(() => undefined);
    },
  };
}

/** From the camp's first day to the end of the day after its last. */
function isRunning(camp: CampConfig, now: number): boolean {
  return localDateOf(now, camp.timezone) >= camp.starts && now <= endOfLocalDayMs(camp.ends, camp.timezone) + DAY_MS;
}

function isWorthLogging(outcome: SourceOutcome): boolean {
  return outcome.kind === 'refused' || outcome.kind === 'unreachable' || (outcome.kind === 'recorded' && outcome.added > 0);
}
