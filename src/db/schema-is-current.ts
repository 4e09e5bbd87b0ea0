import type Sqlite from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/**
 * True when every migration in `migrations/` has been applied (drizzle records each one's folder time in
 * `__drizzle_migrations`). Only reads, so it works on a read-only handle.
 */
export function schemaIsCurrent(sqlite: Sqlite.Database, migrationsFolder: string): boolean {
  const latest = readMigrationFiles({ migrationsFolder }).at(-1)?.folderMillis ?? 0;
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  if (!table) return false;
  const applied = sqlite.prepare<[], { at: number | null }>('SELECT max(created_at) AS "at" FROM __drizzle_migrations').get();
  return Number(applied?.at ?? 0) >= latest;
}
