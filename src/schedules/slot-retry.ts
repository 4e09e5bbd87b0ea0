import type { ScheduleJob } from '../db/schedule-runs.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Waits after the 1st, 2nd, 3rd… failure; the last one repeats. */
const BACKOFF_MINUTES = [1, 2, 5, 10, 30, 60];

/** How long to wait after a slot's `failures`-th failure before trying it again. */
export function retryDelayMs(failures: number): number {
  const index = Math.min(Math.max(failures, 1), BACKOFF_MINUTES.length) - 1;
  return BACKOFF_MINUTES[index]! * MINUTE_MS;
}

export interface FailedRun {
  job: ScheduleJob;
  /** When the slot was due (UTC ms). */
  slotAt: number;
  failures: number;
  failedAt: number;
}

/**
 * Whether a failed slot runs again now: its backoff has passed and it is still worth running — the leaderboard and
 * preview within the 24 h catch-up window after their time, the publish until it is done.
 */
export function isRetryDue(run: FailedRun, now: number): boolean {
  if (now < run.failedAt + retryDelayMs(run.failures)) return false;
  return run.job === 'publish' || now - run.slotAt < DAY_MS;
}
