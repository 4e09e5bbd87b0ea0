import { DatabaseBusy } from '../../errors.js';

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED']);

/** True for SQLite's "another connection holds the lock" errors. */
export function isBusy(error: unknown): boolean {
  return BUSY_CODES.has((error as { code?: unknown })?.code as string);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a synchronous SQLite call, and while another process holds the lock waits asynchronously and tries again
 * (1 ms doubling to 50 ms), so the event loop keeps serving instead of blocking in SQLite's busy handler. Gives up
 * with DatabaseBusy after `maxWaitMs`.
 * @example const row = await retryBusy(() => statement.get(id), 300_000);
 */
export async function retryBusy<T>(attempt: () => T, maxWaitMs: number): Promise<T> {
  let waited = 0;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (waited >= maxWaitMs) throw new DatabaseBusy(waited);
    }
    await sleep(pause);
    waited += pause;
  }
}
