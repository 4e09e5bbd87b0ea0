import { openDatabase, type Database } from '../db/open-database.js';

/** Opens the database named by DB_FILE (the only key most CLI commands need). */
export function openConfiguredDatabase(env: Record<string, string | undefined> = process.env): Database {
  return openDatabase(env.DB_FILE?.trim() || './data/camp-bot.db');
}
