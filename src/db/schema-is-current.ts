import { readMigrationFiles } from 'drizzle-orm/migrator';
import { executorOf, type Db } from './db.js';

/**
 * True when every migration in `migrationsFolder` has been applied (drizzle records each one's folder time in
 * `__drizzle_migrations`, in the database's current schema). Only reads, so it works on a read-only handle.
 */
export async function schemaIsCurrent(db: Db, migrationsFolder: string): Promise<boolean> {
  const ex = executorOf(db);
  const latest = readMigrationFiles({ migrationsFolder }).at(-1)?.folderMillis ?? 0;
  const table = ex.dialect === 'sqlite'
    ? await ex.get(`SELECT 1 AS "found" FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    : await ex.get(`SELECT 1 AS "found" WHERE to_regclass('__drizzle_migrations') IS NOT NULL`);
  if (!table) return false;
  const applied = await ex.get<{ at: number | null }>('SELECT max(created_at) AS "at" FROM __drizzle_migrations');
  return Number(applied?.at ?? 0) >= latest;
}
