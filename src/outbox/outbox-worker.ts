import { isRetryableNetworkError } from '../bot/wecom-http.js';
import { ValidationError, WeComApiError, WeComNetworkError, WebhookRefused } from '../errors.js';
import type { Db } from '../db/db.js';
import { claimDueRows, markFailed, markRetry, markSent, type ClaimedRow } from '../db/outbox-store.js';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.js';
import { deliverOutbound, type DeliveryDeps } from './deliver-outbound.js';
import type { Outbound } from './outbox-payload.js';

export interface OutboxWorkerOptions extends DeliveryDeps {
  store: Db;
  now?: () => number;
  /** How often to look for due rows (default 1 s). */
  pollMs?: number;
  /** Tries per message before it is marked `failed` (default 8). */
  maxAttempts?: number;
  /** Backoff between tries: min(cap, base · 2^(n−1)) (defaults 5 s and 10 min). */
  backoff?: { baseMs: number; capMs: number };
  /** How long a claimed row stays ours; after that (the process died) it is delivered again (default 5 min). */
  leaseMs?: number;
  batchSize?: number;
  /** Messages delivered at once (default 4; the client paces per member and per robot). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface OutboxWorker {
  /** Stops polling and waits for deliveries in progress. */
  stop(): Promise<void>;
  /** Delivers everything due now (retries not yet due wait); resolves with how many rows were handled. */
  drain(): Promise<number>;
}

// Answers that say "try again later"; any other errcode is a definite no.
const TRANSIENT_ERRCODES = new Set([-1, 40014, 42001, 45009, 45033]);

/**
 * Delivers the outbox: claims due rows, sends them through the WeCom client, marks them `sent`, retries transient
 * failures with backoff and marks a row `failed` after `maxAttempts`. Rows left `sending` by a process that died are
 * taken again once their lease runs out, so delivery is at-least-once: a crash after WeCom accepted a message and
 * before its `sent` mark resends that one message; a message marked `sent` is never sent again.
 * @example const worker = startOutboxWorker({ store, client, apiBase: config.apiBase }); … await worker.stop();
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const pollMs = options.pollMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<number> = Promise.resolve(0);
  const exclusive = (): Promise<number> => (chain = chain.then(() => runPass(options), () => runPass(options)));
  const drain = async (): Promise<number> => {
    let total = 0;
    for (let handled = await exclusive(); handled > 0; handled = await exclusive()) total += handled;
    return total;
  };
  const tick = (): void => {
    timer = setTimeout(() => {
      void drain()
        .catch((error: unknown) => (options.log ?? console.error)(`outbox: pass failed: ${String(error)}`))
        .finally(() => {
          if (!stopped) tick();
        });
    }, pollMs);
    timer.unref?.();
  };
  tick();
  return {
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain.catch(() => 0);
    },
  };
}

/** One pass: claim a batch and deliver it; returns the number of rows claimed. */
async function runPass(options: OutboxWorkerOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const rows = await claimDueRows(options.store, now(), options.leaseMs ?? 300_000, options.batchSize ?? 50);
  const queue = [...rows];
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await deliverRow(row, options, now);
  });
  await Promise.all(lanes);
  return rows.length;
}

async function deliverRow(row: ClaimedRow, options: OutboxWorkerOptions, now: () => number): Promise<void> {
  const { store } = options;
  try {
    await deliverOutbound({ kind: row.kind, payload: row.payload } as Outbound, options);
  } catch (error) {
    const reason = describe(error);
    if (!isTransientFailure(error) || row.attempts >= (options.maxAttempts ?? 8)) {
      await retryWhileUnavailable(() => markFailed(store, row.id, reason));
      (options.log ?? console.error)(`outbox: message ${row.id} (${row.kind}) failed after ${row.attempts} tries: ${reason}`);
      return;
    }
    const { baseMs, capMs } = options.backoff ?? { baseMs: 5_000, capMs: 600_000 };
    await retryWhileUnavailable(() => markRetry(store, row.id, now() + Math.min(capMs, baseMs * 2 ** (row.attempts - 1)), reason));
    return;
  }
  // WeCom accepted it: the mark must land even if the database is busy now, or the lease would send it again.
  await retryWhileUnavailable(() => markSent(store, row.id, now()));
}

/** Whether a failed delivery (or other outbound WeCom call) is worth trying again later. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof WeComApiError) return TRANSIENT_ERRCODES.has(error.errcode);
  if (error instanceof WeComNetworkError) return isRetryableNetworkError(error);
  return !(error instanceof WebhookRefused || error instanceof ValidationError);
}

function describe(error: unknown): string {
  if (error instanceof WeComApiError) return `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
