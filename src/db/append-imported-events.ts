import { appendEvents, type AppendCounts } from './append-events.js';
import { executorOf, transaction, type Db } from './db.js';
import type { NewEvent } from './event-types.js';

export type { AppendCounts };

/** An import's events; given as a function of the transaction when producing them reads the database. */
type ImportedEvents = Iterable<NewEvent> | AsyncIterable<NewEvent>;

/** Events appended per batch: one head move, one dedupe query, INSERTs by the hundred. */
const BATCH = 2_000;

// Negative: KiB, not pages. A million appends land all over the ledger's indexes: with SQLite's default 2 MB of cache
// a third of the time went to reading and spilling pages; 32 MB keeps most of their hot pages for the transaction.
const IMPORT_CACHE_KIB = 32_768;

/**
 * Appends an import's events in one write transaction, so readers see all of them or none; an event whose dedupe key
 * is already recorded is counted, not added. `events` is consumed inside the transaction (given as a function of the
 * transaction, a generator that reads the database reads the state its events are written against) and may be async: the transaction stays open across its
 * awaits — on SQLite it holds the write lock meanwhile, which `serve` beside it waits out asynchronously. If it
 * throws, nothing is kept.
 * @example await appendImportedEvents(store, importedEvents(rows, ctx, assignments), Date.now())
 */
export function appendImportedEvents(db: Db, events: ImportedEvents | ((tx: Db) => ImportedEvents), recordedAt: number): Promise<AppendCounts> {
  return transaction(db, async (tx) => {
    const ex = executorOf(tx);
    if (ex.dialect === 'sqlite') await ex.run(`PRAGMA cache_size = -${IMPORT_CACHE_KIB}`);
    const counts: AppendCounts = { recorded: 0, duplicates: 0 };
    let batch: NewEvent[] = [];
    const flush = async (): Promise<void> => {
      const appended = await appendEvents(tx, batch, recordedAt);
      counts.recorded += appended.recorded;
      counts.duplicates += appended.duplicates;
      batch = [];
    };
    for await (const event of typeof events === 'function' ? events(tx) : events) {
      batch.push(event);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return counts;
  });
}
