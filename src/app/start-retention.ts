import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/db.js';
import { pruneProcessedMessages, pruneSentPayloads } from '../db/prune-retained.js';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: Db;
  /** RETENTION_DAYS: what is older is pruned. */
  retentionDays: number;
  now?: () => number;
  /** Rows per transaction (default 500), so a pass never holds the write lock for long. */
  batchSize?: number;
  /** Time between passes (default 1 h); the first pass starts right away. */
  intervalMs?: number;
  log?: (line: string) => void;
  /** Ends a pass between batches (shutdown). */
  signal?: AbortSignal;
}

export interface Pruned {
  processedKeys: number;
  sentPayloads: number;
}

/**
 * Prunes what is older than the retention period: processed-message keys, and the payloads of sent outbox rows.
 * Pending, sending and failed rows are kept, and nothing in `events` is ever touched. Each batch is its own short
 * transaction, and the event loop turns between batches, so callbacks keep being answered during a long pass.
 * @example await pruneExpired({ store, retentionDays: 30 })
 */
export async function pruneExpired(options: RetentionOptions): Promise<Pruned> {
  const before = (options.now ?? Date.now)() - options.retentionDays * DAY_MS;
  const limit = options.batchSize ?? 500;
  const drain = async (batch: () => Promise<number>): Promise<number> => {
    let total = 0;
    for (let pruned = await batch(); ; pruned = await batch()) {
      total += pruned;
      if (pruned < limit || options.signal?.aborted) return total;
      await nextTurn();
    }
  };
  return {
    processedKeys: await drain(() => pruneProcessedMessages(options.store, before, limit)),
    sentPayloads: await drain(() => pruneSentPayloads(options.store, before, limit)),
  };
}

/**
 * Runs `pruneExpired` now and then every `intervalMs` until stopped; logs what each pass pruned.
 * @example const retention = startRetention({ store, retentionDays: config.retentionDays }); … await retention.stop();
 */
export function startRetention(options: RetentionOptions): { stop(): Promise<void> } {
  const log = options.log ?? console.error;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const run = (): void => {
    pass = pruneExpired({ ...options, signal: stopping.signal })
      .then(({ processedKeys, sentPayloads }) => {
        if (processedKeys + sentPayloads > 0) log(`retention: pruned ${processedKeys} processed-message keys, ${sentPayloads} sent outbox payloads`);
      })
      .catch((error: unknown) => log(`retention: pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (!stopping.signal.aborted) timer = setTimeout(run, options.intervalMs ?? 3_600_000).unref();
      });
  };
  run();
  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await pass;
    },
  };
}
