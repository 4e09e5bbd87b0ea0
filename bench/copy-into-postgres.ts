import { copyDatabase } from '../src/db/copy-database.js';
import { openStore } from '../src/db/open-store.js';

/**
 * Copies a prepared SQLite bench database into the empty PostgreSQL schema at `url` with `db copy`'s
 * `copyDatabase` (migrating the schema first); returns the time it took (ms).
 * @example const ms = await copyIntoPostgres('/tmp/bench.db', schema.url);
 */
export async function copyIntoPostgres(file: string, url: string): Promise<number> {
  const started = performance.now();
  const from = await openStore({ dbFile: file, migrations: false });
  try {
    const to = await openStore({ databaseUrl: url, dbFile: ':memory:', maxConnections: 2 });
    try {
      await copyDatabase(from, to);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
  return Math.round(performance.now() - started);
}
