import { executorOf, type Db } from './db.js';

/** How a store's engine runs write transactions, for callers that batch work into them. */
export interface WriteConcurrency {
  /** Write transactions worth running at once. */
  transactions: number;
  /** True when statements run on this thread and hold the event loop while they run. */
  blocksEventLoop: boolean;
}

/**
 * SQLite has one writer, and its statements are synchronous: one write transaction at a time, kept short so the event
 * loop turns. PostgreSQL's statements are async and its transactions run side by side (the ledger head is locked only
 * by the seal at commit): several at once, leaving the pool connections for everything else.
 */
const BY_ENGINE = {
  sqlite: { transactions: 1, blocksEventLoop: true },
  postgres: { transactions: 4, blocksEventLoop: false },
} as const satisfies Record<string, WriteConcurrency>;

/** How `db`'s engine runs write transactions. */
export function writeConcurrency(db: Db): WriteConcurrency {
  return BY_ENGINE[executorOf(db).dialect];
}
