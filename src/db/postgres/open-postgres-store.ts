import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import type { Store } from '../db.js';
import { PostgresExecutor } from '../engine/postgres-executor.js';
import { redactUrl } from '../../redact-url.js';

/** drizzle-kit's PostgreSQL migrations. */
export const POSTGRES_MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/postgres');

// int8 (ids, ms timestamps, counts) and numeric (sums) as JS numbers, booleans as 1/0: rows look as SQLite's do.
const NUMBER_OIDS = new Set([20, 1700]);
const BOOL_OID = 16;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (NUMBER_OIDS.has(oid)) return (value: string) => Number(value);
    if (oid === BOOL_OID) return (value: string) => (value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  /** Apply pending migrations first (default true); safe while other instances run. */
  migrations?: boolean;
  /** Every connection read-only (`audit verify`). */
  readOnly?: boolean;
  /** Pooled connections (default 10). */
  maxConnections?: number;
  log?: (line: string) => void;
}

/** The URL's own server options (a test's search_path, say) plus read-only transactions. */
function withReadOnly(url: string): string {
  const own = new URL(url).searchParams.get('options') ?? '';
  return `${own} -c default_transaction_read_only=on`.trim();
}

/** Any stable 64-bit key: every camp-bot instance migrating the same database takes the same lock. */
const MIGRATION_LOCK = 7_342_105_913;

/**
 * Opens a pool on `url` and, unless told not to, brings the schema up to date under an advisory lock, so an instance
 * starting beside running ones (or two starting at once) migrates once.
 * @example const store = await openPostgresStore('postgres://camp:pw@localhost/camp');
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const log = options.log ?? ((line: string) => console.error(line));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types,
    ...(options.readOnly ? { options: withReadOnly(url) } : {}),
  });
  // An idle connection that breaks (server restart) is dropped by the pool; without a listener it would crash us.
  pool.on('error', (error) => log(`postgres: idle connection lost: ${error.message}`));
  let open = true;
  try {
    if (options.migrations !== false) await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const executor = new PostgresExecutor(pool);
  return Object.assign(executor, {
    engine: 'postgres' as const,
    location: redactUrl(url),
    isOpen: () => open,
    close: async () => {
      if (!open) return;
      open = false;
      await pool.end();
    },
  }) as unknown as Store;
}

/**
 * Applies pending drizzle-kit migrations under the lock, each folder's statements in one transaction. Bookkeeping is
 * drizzle's own table, kept in the current schema beside the tables (drizzle's migrator would first create a schema,
 * which needs a right on the database that the role may not have).
 */
async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await applyPending(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: pg.PoolClient): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS __drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)');
  const { rows } = await client.query<{ at: string }>('SELECT max(created_at) AS at FROM __drizzle_migrations');
  const last = rows[0]?.at === null || rows[0]?.at === undefined ? -1 : Number(rows[0].at);
  const pending = readMigrationFiles({ migrationsFolder: POSTGRES_MIGRATIONS }).filter((m) => m.folderMillis > last);
  if (pending.length === 0) return;
  await client.query('BEGIN');
  try {
    for (const migration of pending) {
      for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
      await client.query('INSERT INTO __drizzle_migrations (hash, created_at) VALUES ($1, $2)', [migration.hash, migration.folderMillis]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
