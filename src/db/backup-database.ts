import type { Db } from './db.js';
import { executorOf } from './db.js';
import { copyDatabase } from './copy-database.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';

/**
 * Writes an online, consistent copy of the database to a new SQLite file while writers keep going: SQLite's
 * `VACUUM INTO` (one read snapshot; the online backup API would restart on every write from another process), or, on
 * PostgreSQL, every table copied from one snapshot into the file — which `db copy --to` brings back.
 * @example await backupDatabase(store, '/backups/camp-bot-2026-12-04.db')
 */
export async function backupDatabase(db: Db, file: string): Promise<void> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') {
    await ex.run('VACUUM INTO ?', [file]);
    return;
  }
  const target = openSqliteStore(file);
  try {
    await copyDatabase(db, target);
  } finally {
    await target.close();
  }
}
