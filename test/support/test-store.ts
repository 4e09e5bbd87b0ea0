/**
 * A fresh, migrated store for a test, on the engine the run asks for: SQLite `:memory:` by default; with
 * `TEST_ENGINE=postgres` and `TEST_DATABASE_URL` (see `.ci/start-postgres`), a PostgreSQL schema of its own that is
 * dropped on close. Storage-facing tests use this, so `npm run test:postgres` runs them against a real server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../../src/db/db.js';
import { openPostgresStore } from '../../src/db/postgres/open-postgres-store.js';
import { openSqliteStore } from '../../src/db/sqlite/open-sqlite-store.js';

export type TestEngine = 'sqlite' | 'postgres';

/** The engine this test run uses. */
export function testEngine(): TestEngine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL (run .ci/start-postgres)');
  return url;
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A URL on `server` (TEST_DATABASE_URL by default) whose connections work in a new schema named `<prefix>_<random>`
 * (created here); and how to drop it.
 * @example const { url, drop } = await freshPostgresSchema(process.env.BENCH_DATABASE_URL, 'bench');
 */
export async function freshPostgresSchema(server = serverUrl(), prefix = 't'): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(server, `CREATE SCHEMA ${schema}`);
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin(server, `DROP SCHEMA ${schema} CASCADE`) };
}

/**
 * Opens a fresh store for one test; `close()` also removes a PostgreSQL schema.
 * @example let store: Store; beforeEach(async () => { store = await openTestStore(); }); afterEach(() => store.close());
 */
export async function openTestStore(): Promise<Store> {
  if (testEngine() === 'sqlite') return openSqliteStore(':memory:');
  const { url, drop } = await freshPostgresSchema();
  const store = await openPostgresStore(url, { maxConnections: 4 });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await drop();
    },
  });
}
