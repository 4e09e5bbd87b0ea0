import type Sqlite from 'better-sqlite3';
import type { Reply } from '../bot/inbound-message.js';
import { prepared } from './prepared.js';

const FIND_SQL = 'SELECT reply FROM processed_messages WHERE key = ?';
const INSERT_SQL = 'INSERT INTO processed_messages (key, reply, processed_at) VALUES (?, ?, ?)';

/** The reply a processed message got (null when it got none), or undefined when it was never processed. */
export function findProcessedReply(sqlite: Sqlite.Database, key: string): Reply | null | undefined {
  const row = prepared<[string], { reply: string | null }>(sqlite, FIND_SQL).get(key);
  if (!row) return undefined;
  return row.reply === null ? null : (JSON.parse(row.reply) as Reply);
}

/** Marks a message processed; call in the transaction that records what it changed. */
export function markProcessed(sqlite: Sqlite.Database, key: string, reply: Reply | null, now: number): void {
  prepared(sqlite, INSERT_SQL).run(key, reply === null ? null : JSON.stringify(reply), now);
}
