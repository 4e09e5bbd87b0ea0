import { isTransientStorageError } from './is-transient-storage-error.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, trying again (10 ms doubling to 2 s) while it fails because the storage was
 * unavailable for a passing reason (`isTransientStorageError`: busy, full, briefly gone, another instance holding a
 * message); any other error is thrown at once. `onRetry` hears about each retried failure.
 * @example await retryWhileUnavailable(() => markSent(store, id, Date.now()));
 */
export async function retryWhileUnavailable<T>(
  attempt: () => Promise<T>,
  onRetry: (error: unknown, attempt: number) => void = () => undefined,
): Promise<T> {
  for (let tries = 1, pause = 10; ; tries += 1, pause = Math.min(pause * 2, 2_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransientStorageError(error)) throw error;
      onRetry(error, tries);
    }
    await sleep(pause);
  }
}
