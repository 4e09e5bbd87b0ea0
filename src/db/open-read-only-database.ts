import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { ConfigError, SchemaOutdated } from '../errors.js';
import { bindAuditKey } from './audit-key.js';
import { MIGRATIONS, type Database } from './open-database.js';
import { schemaIsCurrent } from './schema-is-current.js';
import * as schema from './schema.js';

/**
 * Opens an existing database for reading only: no migrations, no pragmas that write, nothing created. A database
 * whose schema is older than this camp-bot is refused with one line that says to run `camp-bot migrate`.
 * @example const { sqlite } = openReadOnlyDatabase('./data/camp-bot.db', { auditSecret });
 */
export function openReadOnlyDatabase(file: string, { auditSecret = null }: { auditSecret?: string | null } = {}): Database {
  if (file === ':memory:') throw new ConfigError('DB_FILE is ":memory:": there is no database file to read');
  let sqlite: Sqlite.Database;
  try {
    sqlite = new Sqlite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ConfigError(`DB_FILE ${file} cannot be opened for reading: ${(error as Error).message}`);
  }
  sqlite.pragma('busy_timeout = 5000');
  if (!schemaIsCurrent(sqlite, MIGRATIONS)) {
    sqlite.close();
    throw new SchemaOutdated(`数据库 ${file} 的结构不是最新的：请先运行 camp-bot migrate`);
  }
  bindAuditKey(sqlite, auditSecret);
  return { sqlite, db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}
