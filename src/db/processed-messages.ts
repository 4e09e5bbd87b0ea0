import type { Reply } from '../bot/inbound-message.js';
import { executorOf, type Db } from './db.js';

/** Where a message stands for the transaction about to process it. */
export type MessageStatus =
  | { kind: 'new' }
  | { kind: 'done'; reply: Reply | null }
  /** Another instance holds it in a transaction of its own right now (PostgreSQL only). */
  | { kind: 'in-flight' };

const parse = (reply: string | null): Reply | null => (reply === null ? null : (JSON.parse(reply) as Reply));

/**
 * Whether a message was processed already (and with what reply). Call first in the transaction that processes it. On
 * PostgreSQL it also takes a transaction-scoped advisory lock on the key without waiting, so two instances never
 * process one message at once (and never wait on each other's uncommitted row); `processed_messages`' primary key,
 * written in the same transaction as the message's events, is what makes "exactly once" hold regardless.
 */
export async function checkMessage(db: Db, key: string): Promise<MessageStatus> {
  const ex = executorOf(db);
  if (ex.dialect === 'sqlite') {
    const row = await ex.get<{ reply: string | null }>('SELECT reply FROM processed_messages WHERE key = ?', [key]);
    return row ? { kind: 'done', reply: parse(row.reply) } : { kind: 'new' };
  }
  const row = await ex.get<{ locked: number; done: number; reply: string | null }>(
    `SELECT pg_try_advisory_xact_lock(hashtextextended(@key, 0)) AS "locked",
       EXISTS (SELECT 1 FROM processed_messages WHERE key = @key) AS "done",
       (SELECT reply FROM processed_messages WHERE key = @key) AS "reply"`,
    { key },
  );
  if (row!.done) return { kind: 'done', reply: parse(row!.reply) };
  return row!.locked ? { kind: 'new' } : { kind: 'in-flight' };
}

/** Marks a message processed; call in the transaction that records what it changed. */
export async function markProcessed(db: Db, key: string, reply: Reply | null, now: number): Promise<void> {
  await executorOf(db).run(
    'INSERT INTO processed_messages (key, reply, processed_at) VALUES (?, ?, ?)',
    [key, reply === null ? null : JSON.stringify(reply), now],
  );
}
