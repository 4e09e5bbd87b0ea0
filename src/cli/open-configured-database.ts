import { databaseSettings } from '../config.js';
import { openDatabase, type Database } from '../db/open-database.js';
import { openReadOnlyDatabase } from '../db/open-read-only-database.js';

/**
 * Opens the database named by DB_FILE (the only key most CLI commands need), with AUDIT_SECRET bound so appends sign
 * the ledger head. With `readOnly`, nothing is migrated or written, and an outdated schema is refused.
 */
export function openConfiguredDatabase(
  env: Record<string, string | undefined> = process.env,
  { readOnly = false } = {},
): Database {
  const { dbFile, auditSecret } = databaseSettings(env);
  return readOnly ? openReadOnlyDatabase(dbFile, { auditSecret }) : openDatabase(dbFile, { auditSecret });
}
