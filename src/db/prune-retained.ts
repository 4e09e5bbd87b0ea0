import type Sqlite from 'better-sqlite3';
import { prepared } from './prepared.js';

const OLD_KEYS_SQL = 'DELETE FROM processed_messages WHERE key IN (SELECT key FROM processed_messages WHERE processed_at < ? LIMIT ?)';
// Only sent rows have `sent_at`; the status check below keeps pending, sending and failed rows out regardless.
const OLD_PAYLOADS_SQL = `SELECT id FROM outbox WHERE payload <> '' AND sent_at < ? LIMIT ?`;
const EMPTY_PAYLOAD_SQL = `UPDATE outbox SET payload = '' WHERE id = ? AND status = 'sent'`;

/**
 * Deletes up to `limit` processed-message keys recorded before `before` (WeCom retries a callback within seconds, so
 * old keys guard nothing); returns how many.
 */
export function pruneProcessedMessages(sqlite: Sqlite.Database, before: number, limit: number): number {
  return prepared(sqlite, OLD_KEYS_SQL).run(before, limit).changes;
}

/**
 * Empties the payloads (images, files, webhook URLs with their keys) of up to `limit` outbox rows sent before
 * `before`, in one transaction; the rows stay, with their dedupe keys. Returns how many.
 */
export function pruneSentPayloads(sqlite: Sqlite.Database, before: number, limit: number): number {
  return sqlite.transaction((): number => {
    const rows = prepared<[number, number], { id: number }>(sqlite, OLD_PAYLOADS_SQL).all(before, limit);
    let pruned = 0;
    for (const { id } of rows) pruned += prepared(sqlite, EMPTY_PAYLOAD_SQL).run(id).changes;
    return pruned;
  })();
}
