/**
 * What the storage layer's query functions run SQL through, whichever engine holds the data. Only code in `src/db/`
 * sees this interface; the rest of camp-bot holds the same object as an opaque `Db` (see `../db.ts`).
 *
 * SQL is written once, in the subset both engines speak: `?` placeholders with an array, or `@name` placeholders with
 * an object; aliases in double quotes (`AS "campId"`); `INSERT … ON CONFLICT`, `RETURNING`, `IS DISTINCT FROM`.
 * Where the engines differ (JSON lists, locking clauses, bulk reads) a query asks `dialect`.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Positional values for `?`, or named values for `@name`. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** How a transaction behaves: `write` takes the write lock at once (SQLite `BEGIN IMMEDIATE`); `read` is a snapshot. */
export type TransactionMode = 'write' | 'read';

/** Settings of an open store that every handle on it (the store and its transactions) shares. */
export interface StoreSettings {
  /** AUDIT_SECRET: appends sign the ledger head with it and `verifyChain` checks it (null: the head stays unsigned). */
  auditKey: string | null;
}

/**
 * Work a transaction runs once just before it commits, inside it, with the items registered for it (`beforeCommit`);
 * if it throws, the transaction rolls back.
 */
export type CommitSeal<T> = (tx: Executor, items: readonly T[]) => Promise<void>;

export interface Executor {
  readonly dialect: Dialect;
  readonly settings: StoreSettings;
  /** True on a handle that is a transaction (or a savepoint inside one). */
  readonly inTransaction: boolean;
  all<R = Record<string, unknown>>(sql: string, params?: Params): Promise<R[]>;
  get<R = Record<string, unknown>>(sql: string, params?: Params): Promise<R | undefined>;
  /** Rows as arrays of column values, in select order (cheaper for big reads). */
  rows(sql: string, params?: Params): Promise<unknown[][]>;
  run(sql: string, params?: Params): Promise<RunResult>;
  /**
   * Runs `work` in a transaction on a handle of its own; inside a transaction, in a savepoint. Whatever `work` wrote
   * is rolled back when it throws (the error is rethrown). On SQLite, `work` must not wait on anything but this
   * handle: the write lock is held until it returns.
   */
  transaction<T>(work: (tx: Executor) => Promise<T>, mode?: TransactionMode): Promise<T>;
  /** Runs `work` once this transaction has committed (immediately when not in one); for caches and wake-ups. */
  afterCommit(work: () => void): void;
  /**
   * Registers `item` for `seal`, which the outermost transaction runs once, just before COMMIT, with every item
   * registered for it that still stands, in registration order: items registered inside a savepoint that rolled back
   * are dropped with it. Throws outside a transaction.
   */
  beforeCommit<T>(seal: CommitSeal<T>, item: T): void;
  /** The items registered for `seal` in this transaction so far that still stand (none outside a transaction). */
  pendingFor<T>(seal: CommitSeal<T>): readonly T[];
}
