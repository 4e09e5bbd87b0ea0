import { executorOf, type Db } from './db.js';
import { COLUMNS, type Row } from './event-hash.js';
import { rowOf, wellFormed } from './event-row.js';
import type { NewEvent } from './event-types.js';
import { sealEvents, type PendingEvent } from './ledger-seal.js';
import { inJsonArray } from './sql-dialect.js';

/** What a batch appended: events new to the ledger, and events whose dedupe key was already there. */
export interface AppendCounts {
  recorded: number;
  duplicates: number;
}

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters a statement; 13 columns × 500 is far below). */
const ROWS_PER_STATEMENT = 500;

/**
 * Appends many events at once, in the caller's transaction, and chains them at once: the dedupe keys are checked in
 * one query, rows go in by the hundred, and the batch is sealed in one step (`sealEvents`) rather than left to the
 * commit — an import's million rows are never all held in memory. The seal keeps the ledger head locked until the
 * transaction ends, so on PostgreSQL other instances' commits wait for a big import. Events whose dedupe key is
 * recorded already, or repeated earlier in the batch, are counted, not added.
 * @example await appendEvents(tx, events, Date.now()) // { recorded: 498, duplicates: 2 }
 */
export async function appendEvents(tx: Db, raw: readonly NewEvent[], recordedAt: number): Promise<AppendCounts> {
  if (raw.length === 0) return { recorded: 0, duplicates: 0 };
  const taken = await recordedKeys(tx, raw);
  const rows: Row[] = [];
  for (const event of raw.map(wellFormed)) {
    if (event.dedupeKey) {
      if (taken.has(event.dedupeKey)) continue;
      taken.add(event.dedupeKey);
    }
    rows.push(rowOf(event, recordedAt));
  }
  const inserted: PendingEvent[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) inserted.push(...(await insertRows(tx, rows.slice(i, i + ROWS_PER_STATEMENT))));
  await sealEvents(tx, inserted);
  return { recorded: inserted.length, duplicates: raw.length - inserted.length };
}

/**
 * Inserts rows in one statement and pairs each inserted row with its id. A row whose dedupe key another transaction
 * recorded meanwhile is skipped (it is a duplicate); rows without a key are always inserted, and take their ids in the
 * order they are given.
 */
async function insertRows(tx: Db, rows: readonly Row[]): Promise<PendingEvent[]> {
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const returned = await executorOf(tx).all<{ id: number; key: string | null }>(
    `INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key AS "key"`,
    rows.flatMap((row) => COLUMNS.map((column) => row[column])),
  );
  const byKey = new Map(returned.filter((r) => r.key !== null).map((r) => [r.key, r.id]));
  const unkeyed = returned.filter((r) => r.key === null).map((r) => r.id).sort((a, b) => a - b);
  const pending: PendingEvent[] = [];
  let nextUnkeyed = 0;
  for (const row of rows) {
    const id = row.dedupe_key === null ? unkeyed[nextUnkeyed++] : byKey.get(String(row.dedupe_key));
    if (id !== undefined) pending.push({ id, row });
  }
  return pending;
}

/** Which of the batch's dedupe keys the ledger holds already (one query). */
async function recordedKeys(tx: Db, events: readonly NewEvent[]): Promise<Set<string>> {
  const keys = events.map((event) => event.dedupeKey?.toWellFormed()).filter((k): k is string => Boolean(k));
  if (keys.length === 0) return new Set();
  const ex = executorOf(tx);
  const rows = await ex.all<{ key: string }>(
    `SELECT dedupe_key AS "key" FROM events WHERE ${inJsonArray(ex.dialect, 'dedupe_key', 'keys')}`,
    { keys: JSON.stringify(keys) },
  );
  return new Set(rows.map((row) => row.key));
}
