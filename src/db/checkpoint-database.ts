import { executorOf, type Db } from './db.js';

/**
 * Folds SQLite's write-ahead log back into the database file and empties it, so the file alone is the database (to
 * copy it, say); nothing to do on PostgreSQL.
 */
export async function checkpointDatabase(db: Db): Promise<void> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') await ex.get('PRAGMA wal_checkpoint(TRUNCATE)');
}
