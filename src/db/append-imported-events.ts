import type Sqlite from 'better-sqlite3';
import type { NewEvent } from './event-types.js';
import { appendEvent } from './ledger.js';

// Negative: KiB, not pages.
const IMPORT_CACHE_SIZE = -32_768;

/** What an import appended: events new to the ledger, and events whose dedupe key was already there. */
export interface AppendCounts {
  recorded: number;
  duplicates: number;
}

/**
 * Appends an import's events in one write transaction, so readers see all of them or none; an event whose dedupe key
 * is already recorded is counted, not added. `events` is consumed inside the transaction (a generator that reads the
 * database reads the state its events are written against) and may be async: the transaction stays open across its
 * awaits, which only a process that serves nothing else on this handle (the CLI) may do. If it throws, nothing is kept.
 * @example await appendImportedEvents(sqlite, importedEvents(rows, ctx, assignments), Date.now())
 */
export async function appendImportedEvents(
  sqlite: Sqlite.Database, events: Iterable<NewEvent> | AsyncIterable<NewEvent>, recordedAt: number,
): Promise<AppendCounts> {
  sqlite.exec('BEGIN IMMEDIATE');
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  try {
    // A million appends land all over the ledger's indexes: with the default 2 MB of cache, a third of the time went
    // to reading and spilling pages. 32 MB keeps most of the indexes' hot pages for the length of the transaction.
    sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
    const counts: AppendCounts = { recorded: 0, duplicates: 0 };
    for await (const event of events) {
      if (appendEvent(sqlite, event, recordedAt).duplicate) counts.duplicates += 1;
      else counts.recorded += 1;
    }
    sqlite.exec('COMMIT');
    return counts;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}
