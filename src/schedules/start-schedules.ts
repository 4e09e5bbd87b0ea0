import cron, { type ScheduledTask } from 'node-cron';
import type { CampConfig } from '../camp/camp-config.js';
import { localDateTimeOf, zonedTimeToUtcMs } from '../camp/time-zone.js';
import { campConfigs } from '../db/camp-store.js';
import { failedSlots, isSlotDone, recordSlotFailure, type ScheduleJob, type SlotKey } from '../db/schedule-runs.js';
import { isPublished, JOBS, type ScheduleDeps } from './scheduled-jobs.js';
import { isRetryDue, retryDelayMs } from './slot-retry.js';

export interface Schedules {
  /** Stops every task and the camp watcher. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WATCH_MS = 60_000;

/**
 * Runs each camp's schedules (SPEC §8) with node-cron in the camp's zone: the daily leaderboard, the preview and the
 * publish. Every firing goes through a claimed slot, so restarts and several processes never double-post. At start-up
 * (and when a camp's file changes) missed or failed slots run: the leaderboard and preview if less than 24 h late, the
 * publish whenever it was missed and the camp is not published yet. A slot whose work threw stays open and is retried
 * with backoff (1, 2, 5, 10, 30, then every 60 min) while it is still due.
 * Resolves once the missed slots found at start-up have run.
 * @example const schedules = await startSchedules({ db: store, certSecret, publicBaseUrl, instanceId: `pid-${process.pid}` });
 */
export async function startSchedules(deps: ScheduleDeps): Promise<Schedules> {
  const camps = new Map<string, { json: string; tasks: ScheduledTask[] }>();
  const sync = async (): Promise<void> => {
    for (const { id, config } of await campConfigs(deps.db)) {
      if (camps.get(id)?.json === config) continue;
      for (const task of camps.get(id)?.tasks ?? []) void task.destroy();
      const camp = JSON.parse(config) as CampConfig;
      camps.set(id, { json: config, tasks: scheduleCamp(deps, camp) });
      await runMissedSlots(deps, camp);
    }
  };
  await guard(deps, 'camp watcher', sync);
  const watcher = setInterval(() => {
    void guard(deps, 'camp watcher', sync).then(() => guard(deps, 'retries', () => retryFailedSlots(deps)));
  }, WATCH_MS);
  watcher.unref();
  return {
    async stop() {
      clearInterval(watcher);
      for (const { tasks } of camps.values()) for (const task of tasks) await task.destroy();
      camps.clear();
    },
  };
}

function scheduleCamp(deps: ScheduleDeps, camp: CampConfig): ScheduledTask[] {
  const tasks: ScheduledTask[] = [];
  const options = (job: ScheduleJob) => ({ timezone: camp.timezone, name: `${camp.id}:${job}`, noOverlap: true });
  const { leaderboard, preview, publish } = camp.schedule;
  if (leaderboard) {
    tasks.push(cron.schedule(leaderboard, (ctx) => void fire(deps, { campId: camp.id, job: 'leaderboard', slot: localDateTimeOf(ctx.date.getTime(), camp.timezone) }), options('leaderboard')));
  }
  for (const [job, at] of [['preview', preview], ['publish', publish]] as const) {
    if (!at) continue;
    const slot = slotOf(at, camp.timezone);
    const [, month, day, hour, minute] = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(slot) ?? [];
    // A yearly pattern fires on the day; the slot (with its year) keeps it to one run.
    const pattern = `${Number(minute)} ${Number(hour)} ${Number(day)} ${Number(month)} *`;
    tasks.push(cron.schedule(pattern, (ctx) => {
      if (localDateTimeOf(ctx.date.getTime(), camp.timezone) === slot) void fire(deps, { campId: camp.id, job, slot });
    }, options(job)));
  }
  return tasks;
}

/** A configured local date-time as a slot key (`2026-12-04T10:00`). */
function slotOf(at: string, timeZone: string): string {
  return localDateTimeOf(zonedTimeToUtcMs(at, timeZone), timeZone);
}

function fire(deps: ScheduleDeps, key: SlotKey): Promise<void> {
  const what = `${key.campId} ${key.job} ${key.slot}`;
  return guard(deps, what, async () => {
    try {
      const outcome = await JOBS[key.job](deps, key.campId, key.slot);
      if (outcome.ran) (deps.log ?? console.log)(`schedule: ${what}: ${outcome.result}`);
    } catch (error) {
      // The slot's transaction rolled back with its claim: record the failure beside it and leave the slot open.
      const message = error instanceof Error ? error.message : String(error);
      const failures = await recordSlotFailure(deps.db, key, deps.instanceId, (deps.now ?? Date.now)(), message);
      const retry = failures > 0
        ? `attempt ${failures}, retry in ${retryDelayMs(failures) / 60_000} min while due`
        : 'done elsewhere meanwhile';
      (deps.log ?? console.error)(`schedule: ${what} failed (${retry}): ${message}`);
    }
  });
}

async function guard(deps: ScheduleDeps, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    (deps.log ?? console.error)(`schedule: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs, now, the slots this camp missed while no process was up. */
export async function runMissedSlots(deps: ScheduleDeps, camp: CampConfig): Promise<void> {
  const now = (deps.now ?? Date.now)();
  const { leaderboard, preview, publish } = camp.schedule;
  const last = leaderboard ? lastCronSlot(leaderboard, camp.timezone, now) : null;
  if (last) await fireIfOpen(deps, camp.id, 'leaderboard', last);
  if (preview) {
    const at = zonedTimeToUtcMs(preview, camp.timezone);
    if (at <= now && now - at < DAY_MS) await fireIfOpen(deps, camp.id, 'preview', slotOf(preview, camp.timezone));
  }
  if (publish && zonedTimeToUtcMs(publish, camp.timezone) <= now && !(await isPublished(deps.db, camp.id))) {
    await fireIfOpen(deps, camp.id, 'publish', slotOf(publish, camp.timezone));
  }
}

async function fireIfOpen(deps: ScheduleDeps, campId: string, job: ScheduleJob, slot: string): Promise<void> {
  if (!(await isSlotDone(deps.db, { campId, job, slot }))) await fire(deps, { campId, job, slot });
}

/** Runs again the failed slots whose backoff has passed and that are still due (see `isRetryDue`). */
export async function retryFailedSlots(deps: ScheduleDeps): Promise<void> {
  const now = (deps.now ?? Date.now)();
  for (const run of await failedSlots(deps.db)) {
    const slotAt = zonedTimeToUtcMs(run.slot, run.timezone);
    if (isRetryDue({ job: run.job, slotAt, failures: run.failures, failedAt: run.failedAt }, now)) await fire(deps, run);
  }
}

/** The latest minute in the last 24 h (now included) that the cron pattern matches, as a slot; null if none. */
export function lastCronSlot(pattern: string, timeZone: string, now: number): string | null {
  const probe = cron.createTask(pattern, () => undefined, { timezone: timeZone });
  try {
    const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    for (let t = start; t > now - DAY_MS; t -= MINUTE_MS) {
      if (probe.match(new Date(t))) return localDateTimeOf(t, timeZone);
    }
    return null;
  } finally {
    void probe.destroy();
  }
}
