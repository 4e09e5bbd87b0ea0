import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ConfigError } from '../../errors.js';
import type { Store } from '../db.js';
import { SqliteExecutor } from '../engine/sqlite-executor.js';

/** drizzle-kit's SQLite migrations. */
export const SQLITE_MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/sqlite');

export interface SqliteStoreOptions {
  /** Apply pending migrations first (default true). */
  migrations?: boolean;
  /** Open for reading only: nothing is created, migrated or written (`audit verify`). */
  readOnly?: boolean;
}

/**
 * Opens (creating if needed) a SQLite database with WAL and foreign keys and, unless told not to, migrates it.
 * Migrations wait for another process's lock in SQLite's own busy handler (start-up, nothing served yet); afterwards
 * the connection never blocks: `SqliteExecutor` waits for locks asynchronously.
 * @example const store = openSqliteStore(':memory:');
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const readOnly = options.readOnly === true;
  if (file !== ':memory:' && !readOnly) mkdirSync(dirname(resolve(file)), { recursive: true });
  let sqlite: Sqlite.Database;
  try {
    sqlite = new Sqlite(file, readOnly ? { readonly: true, fileMustExist: true } : {});
  } catch (error) {
    throw new ConfigError(`DB_FILE ${file} cannot be opened${readOnly ? ' for reading' : ''}: ${(error as Error).message}`);
  }
  sqlite.pragma('busy_timeout = 5000');
  if (!readOnly) {
    sqlite.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commits).
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('foreign_keys = ON');
  if (!readOnly && options.migrations !== false) migrate(drizzle(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
  sqlite.pragma('busy_timeout = 0');
  const executor = new SqliteExecutor(sqlite);
  return Object.assign(executor, {
    engine: 'sqlite' as const,
    location: file,
    isOpen: () => sqlite.open,
    close: async () => {
      if (sqlite.open) sqlite.close();
    },
  }) as unknown as Store;
}
