/**
 * A test database that outlives its connections, on the run's engine: a SQLite file in a temp folder (DB_FILE), or,
 * with `TEST_ENGINE=postgres`, a PostgreSQL schema of its own (DATABASE_URL; DB_FILE is then set too but never
 * touched). The CLI under test finds it through the environment; `open()` connects the way the CLI does, to arrange
 * data and check what a command did, or to read from another connection (a worker thread opens the same file).
 */
import type { Store } from '../../src/db/db.js';
import { openStore } from '../../src/db/open-store.js';
import { tempDbFile } from './temp-db-file.js';
import { freshPostgresSchema, testEngine } from './test-store.js';

export interface SharedTestDb {
  /** DB_FILE: the database on SQLite; on PostgreSQL a path that must stay unused. */
  file: string;
  /** A temp folder for the test's other files (removed by `cleanup`). */
  dir: string;
  /** DATABASE_URL on PostgreSQL; null on SQLite. */
  url: string | null;
  /** A new connection (migrated on first open), with `auditSecret` bound when given. */
  open(options?: { auditSecret?: string | null }): Promise<Store>;
  /** Closes the stores still open, removes the data and restores DB_FILE and DATABASE_URL. */
  cleanup(): Promise<void>;
}

/**
 * Creates an empty database for one test and points the environment at it.
 * @example const db = await sharedTestDb(); await main(['camp', 'apply', file], io); const store = await db.open(); … await db.cleanup();
 */
export async function sharedTestDb(): Promise<SharedTestDb> {
  const temp = tempDbFile();
  const schema = testEngine() === 'postgres' ? await freshPostgresSchema() : null;
  const previousUrl = process.env.DATABASE_URL;
  if (schema) process.env.DATABASE_URL = schema.url;
  else delete process.env.DATABASE_URL;
  const opened: Store[] = [];
  return {
    file: temp.file,
    dir: temp.dir,
    url: schema?.url ?? null,
    open: async ({ auditSecret = null } = {}) => {
      const store = await openStore({ databaseUrl: schema?.url, dbFile: temp.file, auditSecret, maxConnections: 2 });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened.splice(0)) await store.close();
      if (previousUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previousUrl;
      temp.cleanup();
      await schema?.drop();
    },
  };
}
