import type Sqlite from 'better-sqlite3';

// `sqlite.transaction(fn)` builds several wrapper functions each time; hot paths reuse one per handle instead.
const runners = new WeakMap<Sqlite.Database, Sqlite.Transaction<(run: () => unknown) => unknown>>();

/**
 * Runs `run` in a transaction, or in a savepoint when one is already open: whatever it wrote is rolled back when it
 * throws (the error is rethrown). Same as `sqlite.transaction(run)()`, without building a wrapper per call.
 * @example const reply = runInTransaction(sqlite, () => spec.run(ctx, args));
 */
export function runInTransaction<T>(sqlite: Sqlite.Database, run: () => T): T {
  let runner = runners.get(sqlite);
  if (!runner) runners.set(sqlite, (runner = sqlite.transaction((inner: () => unknown) => inner())));
  return runner(run) as T;
}
