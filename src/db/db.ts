import type { Dialect, Executor, TransactionMode } from './engine/executor.js';

declare const opaque: unique symbol;

/**
 * The database as the rest of camp-bot holds it: the store, or a transaction in progress. It has no methods of its
 * own outside `src/db/`: callers pass it to the storage layer's functions (`appendEvent(db, …)`, `rolesOf(db, …)`),
 * which is what keeps SQL and drivers in this folder.
 */
export interface Db {
  readonly [opaque]: true;
}

/** An open database: SQLite (`DB_FILE`) or PostgreSQL (`DATABASE_URL`). */
export interface Store extends Db {
  readonly engine: Dialect;
  /** Where the data is, for logs: a file path, or the URL without its password. */
  readonly location: string;
  isOpen(): boolean;
  close(): Promise<void>;
}

/** The executor behind a handle; only for the storage layer's own query functions. */
export function executorOf(db: Db): Executor {
  return db as unknown as Executor;
}

/** A handle for an executor (the inverse of `executorOf`). */
export function dbOf(executor: Executor): Db {
  return executor as unknown as Db;
}

/**
 * Runs `work` in one transaction (a savepoint when `db` is a transaction already): everything it wrote commits
 * together, or, when it throws, none of it does. `read` gives a consistent snapshot where the engine has one.
 * On SQLite a write transaction holds this process's write lock until `work` returns, so `work` must await nothing
 * but the storage layer (no network, no timers).
 * @example const id = await transaction(store, async (tx) => (await appendEvent(tx, event, now)).id);
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>, mode?: TransactionMode): Promise<T> {
  return executorOf(db).transaction((tx) => work(dbOf(tx)), mode);
}

/** Runs `work` after the surrounding transaction commits (at once outside one); never when it rolls back. */
export function afterCommit(db: Db, work: () => void): void {
  executorOf(db).afterCommit(work);
}

/** Which engine holds the data. */
export function engineOf(db: Db): Dialect {
  return executorOf(db).dialect;
}
