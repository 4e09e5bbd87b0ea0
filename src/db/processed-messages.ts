import type Sqlite from 'better-sqlite3';
import type { Reply } from '../bot/inbound-message.js';

const statements = new WeakMap<Sqlite.Database, { find: Sqlite.Statement<[string], { reply: string | null }>; insert: Sqlite.Statement }>();

function prepared(sqlite: Sqlite.Database) {
  let found = statements.get(sqlite);
  if (!found) {
    found = {
      find: sqlite.prepare('SELECT reply FROM processed_messages WHERE key = ?'),
      insert: sqlite.prepare('INSERT INTO processed_messages (key, reply, processed_at) VALUES (?, ?, ?)'),
    };
    statements.set(sqlite, found);
  }
  return found;
}

/** The reply a processed message got (null when it got none), or undefined when it was never processed. */
export function findProcessedReply(sqlite: Sqlite.Database, key: string): Reply | null | undefined {
  const row = prepared(sqlite).find.get(key);
  if (!row) return undefined;
  return row.reply === null ? null : (JSON.parse(row.reply) as Reply);
}

/** Marks a message processed; call in the transaction that records what it changed. */
export function markProcessed(sqlite: Sqlite.Database, key: string, reply: Reply | null, now: number): void {
  prepared(sqlite).insert.run(key, reply === null ? null : JSON.stringify(reply), now);
}
