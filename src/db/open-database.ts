import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { bindAuditKey } from './audit-key.js';
import * as schema from './sqlite/schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

/** The raw handle for synchronous transactions and hot-path statements, and drizzle over it. */
export interface Database {
  sqlite: Sqlite.Database;
  db: Db;
  close(): void;
}

export const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations/sqlite');

export interface OpenOptions {
  /** Apply the migrations (default true). */
  migrations?: boolean;
  /** AUDIT_SECRET: appends through this handle sign the ledger head. */
  auditSecret?: string | null;
}

/**
 * Opens (creating if needed) the SQLite database, sets WAL and foreign keys, and applies the migrations.
 * @example const { sqlite, db } = openDatabase(':memory:');
 */
export function openDatabase(file: string, { migrations = true, auditSecret = null }: OpenOptions = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process (only an OS crash can lose the last commits).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  if (migrations) migrate(db, { migrationsFolder: MIGRATIONS });
  bindAuditKey(sqlite, auditSecret);
  return { sqlite, db, close: () => sqlite.close() };
}
