import type { Reply } from '../bot/inbound-message.js';
import { executorOf, type Db } from './db.js';

/** The reply a processed message got (null when it got none), or undefined when it was never processed. */
export async function findProcessedReply(db: Db, key: string): Promise<Reply | null | undefined> {
  const row = await executorOf(db).get<{ reply: string | null }>('SELECT reply FROM processed_messages WHERE key = ?', [key]);
  if (!row) return undefined;
  return row.reply === null ? null : (JSON.parse(row.reply) as Reply);
}

/** Marks a message processed; call in the transaction that records what it changed. */
export async function markProcessed(db: Db, key: string, reply: Reply | null, now: number): Promise<void> {
  await executorOf(db).run(
    'INSERT INTO processed_messages (key, reply, processed_at) VALUES (?, ?, ?)',
    [key, reply === null ? null : JSON.stringify(reply), now],
  );
}
