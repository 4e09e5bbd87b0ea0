/**
 * Runs one task per key at a time: callers that arrive while it runs share its promise. WeCom retries a callback
 * that is still being processed, and those retries must not process the message a second time.
 */
export function createSingleFlight<T>(): (key: string, task: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, task) => {
    const existing = running.get(key);
    if (existing) return existing;
    const promise = task().finally(() => running.delete(key));
    running.set(key, promise);
    return promise;
  };
}
