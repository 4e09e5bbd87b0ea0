import { executorOf, transaction, type Db } from './db.js';

const OLD_KEYS_SQL = 'DELETE FROM processed_messages WHERE key IN (SELECT key FROM processed_messages WHERE processed_at < ? LIMIT ?)';
// Only sent rows have `sent_at`; the status check below keeps pending, sending and failed rows out regardless.
const OLD_PAYLOADS_SQL = `SELECT id FROM outbox WHERE payload <> '' AND sent_at < ? LIMIT ?`;
const EMPTY_PAYLOAD_SQL = `UPDATE outbox SET payload = '' WHERE id = ? AND status = 'sent'`;

/**
 * Deletes up to `limit` processed-message keys recorded before `before` (WeCom retries a callback within seconds, so
 * old keys guard nothing); returns how many.
 */
export async function pruneProcessedMessages(db: Db, before: number, limit: number): Promise<number> {
  return (await executorOf(db).run(OLD_KEYS_SQL, [before, limit])).changes;
}

/**
 * Empties the payloads (images, files, webhook URLs with their keys) of up to `limit` outbox rows sent before
 * `before`, in one transaction; the rows stay, with their dedupe keys. Returns how many.
 */
export function pruneSentPayloads(db: Db, before: number, limit: number): Promise<number> {
  return transaction(db, async (tx) => {
    const ex = executorOf(tx);
    const rows = await ex.all<{ id: number }>(OLD_PAYLOADS_SQL, [before, limit]);
    let pruned = 0;
    for (const { id } of rows) pruned += (await ex.run(EMPTY_PAYLOAD_SQL, [id])).changes;
    return pruned;
  });
}
