import { ConfigError, SchemaOutdated } from '../errors.js';
import { bindAuditKey } from './audit-key.js';
import type { Store } from './db.js';
import { openPostgresStore, POSTGRES_MIGRATIONS } from './postgres/open-postgres-store.js';
import { schemaIsCurrent } from './schema-is-current.js';
import { openSqliteStore, SQLITE_MIGRATIONS } from './sqlite/open-sqlite-store.js';

export interface OpenStoreOptions {
  /** `postgres://…` (DATABASE_URL): PostgreSQL; null or absent: SQLite at `dbFile`. */
  databaseUrl?: string | null;
  /** The SQLite file (DB_FILE); `:memory:` allowed. Never created or written when `databaseUrl` is set. */
  dbFile: string;
  /** Bring the schema up to date first (default true). */
  migrations?: boolean;
  /** Read only: nothing created, migrated or written; an out-of-date schema is refused (`audit verify`). */
  readOnly?: boolean;
  /** AUDIT_SECRET: appends sign the ledger head, `verifyChain` checks the signature. */
  auditSecret?: string | null;
  /** Pooled PostgreSQL connections (default 10). */
  maxConnections?: number;
  log?: (line: string) => void;
}

/**
 * Opens the store the configuration names: PostgreSQL when `databaseUrl` is set, else the SQLite file.
 * @example const store = await openStore({ databaseUrl: config.databaseUrl, dbFile: config.dbFile, auditSecret: config.auditSecret });
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const readOnly = options.readOnly === true;
  const migrations = !readOnly && options.migrations !== false;
  let store: Store;
  if (options.databaseUrl) {
    store = await openPostgresStore(options.databaseUrl, { migrations, readOnly, maxConnections: options.maxConnections, log: options.log });
  } else {
    if (readOnly && options.dbFile === ':memory:') throw new ConfigError('DB_FILE is ":memory:": there is no database file to read');
    store = openSqliteStore(options.dbFile, { migrations, readOnly });
  }
  if (readOnly && !(await schemaIsCurrent(store, options.databaseUrl ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS))) {
    await store.close();
    throw new SchemaOutdated(`数据库 ${store.location} 的结构不是最新的：请先运行 camp-bot migrate`);
  }
  bindAuditKey(store, options.auditSecret ?? null);
  return store;
}
