import type Sqlite from 'better-sqlite3';

/** Default cap on the items of one transaction. */
export const MAX_BATCH = 256;
/**
 * Default time after which a batch takes no more items. A commit costs about as much as a few messages, so a
 * millisecond of messages shares it well, while the event loop still turns (and accepts connections) often.
 */
export const BATCH_BUDGET_MS = 1;

export interface GroupCommitOptions {
  maxBatch?: number;
  budgetMs?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

type Outcome<O> = { ok: true; output: O } | { ok: false; error: unknown };

/** One immediate transaction over a prefix of `batch` (as much as fits in `budgetMs`), each item in a savepoint. */
function batchRunner<I, O>(sqlite: Sqlite.Database, work: (item: I) => O, budgetMs: number): (batch: Waiting<I, O>[]) => Outcome<O>[] {
  const inSavepoint = sqlite.transaction(work);
  const runOne = (waiting: Waiting<I, O>): Outcome<O> => {
    try {
      return { ok: true, output: inSavepoint(waiting.item) };
    } catch (error) {
      // Some failures (disk full, I/O) make SQLite roll back the whole transaction: then nothing of the batch stands.
      if (!sqlite.inTransaction) throw error;
      return { ok: false, error };
    }
  };
  const run = sqlite.transaction((batch: Waiting<I, O>[]) => {
    const started = performance.now();
    const outcomes: Outcome<O>[] = [];
    for (const waiting of batch) {
      if (outcomes.length > 0 && performance.now() - started >= budgetMs) break;
      outcomes.push(runOne(waiting));
    }
    return outcomes;
  });
  return (batch) => run.immediate(batch);
}

/**
 * Group commit: items that arrive while the event loop is busy are run together, on the next `setImmediate`, in ONE
 * immediate transaction, each in its own savepoint, so one failing item rolls back only itself. Every promise
 * settles only after the transaction commits; when the transaction fails as a whole, every item of it fails.
 * A batch stops taking items after `budgetMs`, and the rest wait for the next turn of the event loop: Node accepts
 * one new connection per turn, so long turns would leave new connections waiting.
 * `work` is synchronous and runs inside the savepoint.
 * @example const run = createGroupCommit(sqlite, (message) => processMessage(message)); await run(message);
 */
export function createGroupCommit<I, O>(sqlite: Sqlite.Database, work: (item: I) => O, options: GroupCommitOptions = {}): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  const runBatch = batchRunner(sqlite, work, options.budgetMs ?? BATCH_BUDGET_MS);
  let queue: Waiting<I, O>[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    let outcomes: Outcome<O>[];
    try {
      outcomes = runBatch(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    queue = batch.slice(outcomes.length).concat(queue);
    if (queue.length > 0) schedule();
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.output) : batch[i]!.reject(outcome.error)));
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
