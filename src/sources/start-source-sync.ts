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
  const puller = new SourcePuller(options);
  void puller.serially(() => puller.pullAll());
  const timer = setInterval(() => void puller.serially(() => puller.pullAll()), puller.intervalMs);
  timer.unref();
  return {
    pullNow: () => puller.serially(() => puller.pullAll()),
    async stop() {
      clearInterval(timer);
      await puller.stop();
    },
  };
}

class SourcePuller {
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly afterEnd = new Map<string, NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: SourceSyncOptions) {
    this.intervalMs = options.intervalMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Runs `work` after the pulls before it (one pull at a time); a failure is logged, never thrown. */
  serially(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => this.options.log(`sources: pull failed: ${String((error as Error)?.message ?? error)}`));
    return this.chain;
  }

  async pullAll(): Promise<void> {
    const { db, holder } = this.options;
    if (this.stopped || !(await acquireLease(db, SOURCES_LEASE, holder, this.now(), 2 * this.intervalMs))) return;
    for (const { config } of await campConfigs(db)) {
      const camp = JSON.parse(config) as CampConfig;
      if (isRunning(camp, this.now())) await this.pullCamp(camp);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.afterEnd.values()) clearTimeout(timer);
    await this.chain;
    await releaseLease(this.options.db, SOURCES_LEASE, this.options.holder).catch(() => undefined);
  }

  private async pullCamp(camp: CampConfig): Promise<void> {
    const outcomes = await syncCampSources({ db: this.options.db, client: this.options.client, now: this.now }, camp.id);
    for (const outcome of outcomes) {
      if (isWorthLogging(outcome)) this.options.log(`sources: ${camp.id}: ${outcomeLine(outcome, camp.timezone)}`);
      if (outcome.kind === 'upcoming') this.pullAfterEnd(camp, outcome.source, outcome.endsAt);
    }
  }

  /** One more pull of the camp shortly after a source's end (unless it is further off than a day: the periodic pull). */
  private pullAfterEnd(camp: CampConfig, source: Source, endsAt: number): void {
    const key = `${camp.id}:${sourceKey(source)}`;
    const wait = endsAt + (this.options.afterEndMs ?? 120_000) - this.now();
    if (this.stopped || this.afterEnd.has(key) || endsAt <= this.now() || wait > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      this.afterEnd.delete(key);
      void this.serially(() => this.pullCamp(camp));
    }, wait);
    timer.unref();
    this.afterEnd.set(key, timer);
  }
}

/** From the camp's first day to the end of the day after its last. */
function isRunning(camp: CampConfig, now: number): boolean {
  return localDateOf(now, camp.timezone) >= camp.starts && now <= endOfLocalDayMs(camp.ends, camp.timezone) + DAY_MS;
}

function isWorthLogging(outcome: SourceOutcome): boolean {
  return outcome.kind === 'refused' || outcome.kind === 'unreachable' || (outcome.kind === 'recorded' && outcome.added > 0);
}
