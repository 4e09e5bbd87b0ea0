import { transaction, type Db } from '../db/db.js';
import { writeConcurrency } from '../db/write-concurrency.js';
import { TransactionAborted } from '../errors.js';

/** Default cap on the items of one transaction. */
export const MAX_BATCH = 256;
/**
 * Default time after which a batch takes no more items where statements hold the event loop (SQLite). A commit costs
 * about as much as a few messages, so a millisecond of messages shares it well, while the event loop still turns
 * (and accepts connections) often.
 */
export const BATCH_BUDGET_MS = 1;

export interface GroupCommitOptions {
  maxBatch?: number;
  /** Time after which a batch takes no more items (default: BATCH_BUDGET_MS on SQLite, none on PostgreSQL). */
  budgetMs?: number;
  /** Batches running at once (default: the engine's `writeConcurrency`: 1 on SQLite, several on PostgreSQL). */
  concurrency?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

type Outcome<O> = { ok: true; output: O } | { ok: false; error: unknown };

/**
 * Group commit: items that arrive while batches run (or in the same turn of the event loop) run together in ONE
 * transaction, each in its own savepoint, so one failing item rolls back only itself. Every promise settles only after
 * the transaction commits; when the transaction fails as a whole, every item that ran in it fails. Up to
 * `concurrency` batches run at once, each on its own transaction. On SQLite (one batch at a time, synchronous
 * statements) a batch stops taking items after `budgetMs`, and the rest wait for the next batch: Node accepts one new
 * connection per turn of the event loop, so long turns would leave new connections waiting. On PostgreSQL the event
 * loop turns at every statement, so a batch takes what is queued (up to `maxBatch`) and several run side by side.
 * @example const run = createGroupCommit(store, (tx, message) => processMessage(tx, message)); await run(message);
 */
export function createGroupCommit<I, O>(db: Db, work: (tx: Db, item: I) => Promise<O>, options: GroupCommitOptions = {}): (item: I) => Promise<O> {
  const engine = writeConcurrency(db);
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  const budgetMs = options.budgetMs ?? (engine.blocksEventLoop ? BATCH_BUDGET_MS : Number.POSITIVE_INFINITY);
  const concurrency = options.concurrency ?? engine.transactions;
  let queue: Waiting<I, O>[] = [];
  let scheduled = false;
  let running = 0;

  const runBatch = async (batch: Waiting<I, O>[]): Promise<Outcome<O>[]> => {
    const outcomes: Outcome<O>[] = [];
    try {
      await transaction(db, async (tx) => {
        const started = performance.now();
        for (const waiting of batch) {
          if (outcomes.length > 0 && performance.now() - started >= budgetMs) break;
          outcomes.push(await runOne(tx, waiting));
        }
      });
    } catch (error) {
      // Nothing of the transaction stands: every item that ran in it fails (the caller may try again); when it never
      // began (the database stayed locked), the whole batch does.
      return (outcomes.length === 0 ? batch : outcomes).map(() => ({ ok: false, error }));
    }
    return outcomes;
  };

  const runOne = async (tx: Db, waiting: Waiting<I, O>): Promise<Outcome<O>> => {
    try {
      return { ok: true, output: await transaction(tx, (savepoint) => work(savepoint, waiting.item)) };
    } catch (error) {
      if (error instanceof TransactionAborted) throw error;
      return { ok: false, error };
    }
  };

  const runNext = async (): Promise<void> => {
    running += 1;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    const outcomes = await runBatch(batch);
    running -= 1;
    queue = batch.slice(outcomes.length).concat(queue);
    if (queue.length > 0) schedule();
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.output) : batch[i]!.reject(outcome.error)));
  };

  const flush = (): void => {
    scheduled = false;
    while (running < concurrency && queue.length > 0) void runNext();
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running < concurrency) schedule();
    });
}
