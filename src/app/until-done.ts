const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, waiting 10 ms doubling to 2 s between tries while `retryable(error)` holds; any
 * other error is thrown at once. `onRetry` hears about each retried failure.
 * @example await untilDone(() => commit(message), isTransientStorageError, (error, n) => log(`try ${n}`));
 */
export async function untilDone<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  onRetry: (error: unknown, attempt: number) => void = () => undefined,
): Promise<T> {
  for (let tries = 1, pause = 10; ; tries += 1, pause = Math.min(pause * 2, 2_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error)) throw error;
      onRetry(error, tries);
    }
    await sleep(pause);
  }
}
