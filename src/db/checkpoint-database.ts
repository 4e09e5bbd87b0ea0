import { executorOf, type Db } from './db.js';
import { SqliteExecutor } from './engine/sqlite-executor.js';
import { checkpointInBackground } from './sqlite/background-checkpoints.js';

/**
 * Folds SQLite's write-ahead log back into the database file and empties it, so the file alone is the database (to
 * copy it, say); nothing to do on PostgreSQL.
 */
export async function checkpointDatabase(db: Db): Promise<void> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') await ex.get('PRAGMA wal_checkpoint(TRUNCATE)');
}

/**
 * For a long-running process on a SQLite file (`serve`): WAL checkpoints run on a thread of their own instead of
 * inside commits on the event loop (see `checkpointInBackground`). Nothing to do on PostgreSQL, `:memory:` or a
 * read-only store.
 * @example const checkpoints = startBackgroundCheckpoints(store, log); … await checkpoints.stop(); await store.close();
 */
export function startBackgroundCheckpoints(db: Db, log: (line: string) => void, everyMs?: number): { stop(): Promise<void> } {
  const ex = executorOf(db);
  if (!(ex instanceof SqliteExecutor) || ex.sqlite.memory || ex.sqlite.readonly) return { stop: async () => undefined };
  return checkpointInBackground(ex.sqlite, log, everyMs);
}
