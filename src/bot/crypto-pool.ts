import { Worker } from 'node:worker_threads';
import type { InboundMessage } from './inbound-message.js';
import { type CryptoJob, type JobResult, type OpenJob, rethrow, runCryptoJob, type SealJob } from './crypto-job.js';
import type { JobBatch } from './crypto-worker.js';
import type { EncodedReply } from './passive-reply.js';

/** Worker threads that open callbacks and seal passive replies off the main event loop. */
export interface CryptoPool {
  open(job: OpenJob): Promise<InboundMessage>;
  seal(job: SealJob): Promise<EncodedReply>;
  /** Terminates the workers; jobs still in flight fail (the HTTP answer becomes a 500). */
  close(): Promise<void>;
}

interface Waiter {
  job: CryptoJob;
  settle: (result: JobResult) => void;
  fail: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  queued: Waiter[];
  inFlight: Map<number, Waiter[]>;
  /** Workers that died before they ever loaded; after a few the slot gives up and runs jobs in-thread. */
  failedStarts: number;
  ready: boolean;
}

const ENTRY = new URL('./crypto-worker-entry.mjs', import.meta.url);
const MAX_FAILED_STARTS = 3;

/**
 * Starts `size` (≥ 1) workers. Jobs queued in one event-loop turn go to a worker as one batch, since postMessage
 * costs about as much as a small job. A worker that dies is replaced and its jobs in flight fail.
 * `entry` replaces the worker script (tests use it to simulate a worker that dies).
 * @example const pool = createCryptoPool(1, console.error); const message = await pool.open(job); … await pool.close();
 */
export function createCryptoPool(size: number, log: (line: string) => void, entry: URL = ENTRY): CryptoPool {
  const pool = new WorkerPool(size, log, entry);
  return {
    open: async (job) => unwrap(await pool.submit(job)) as InboundMessage,
    seal: async (job) => unwrap(await pool.submit(job)) as EncodedReply,
    close: () => pool.close(),
  };
}

class WorkerPool {
  private closing = false;
  private nextBatch = 1;
  private turn = 0;
  private readonly slots: Slot[];

  constructor(size: number, private readonly log: (line: string) => void, private readonly entry: URL) {
    this.slots = Array.from({ length: size }, () => ({ worker: null, queued: [], inFlight: new Map(), failedStarts: 0, ready: false }));
    this.slots.forEach((slot) => this.start(slot));
  }

  submit(job: CryptoJob): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error('crypto pool is closed'));
    const slot = this.slots[this.turn++ % this.slots.length]!;
    return new Promise<JobResult>((settle, fail) => {
      slot.queued.push({ job, settle, fail });
      if (slot.queued.length === 1) setImmediate(() => this.flush(slot));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
    for (const slot of this.slots) {
      slot.worker = null;
      failAll(slot, new Error('crypto pool is closed'));
    }
  }

  private start(slot: Slot): void {
    const worker = new Worker(this.entry);
    worker.unref();
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (data: { ready?: true; batch?: number; results?: JobResult[] }) => {
      if (data.ready) {
        slot.ready = true;
        slot.failedStarts = 0;
        return;
      }
      const waiters = slot.inFlight.get(data.batch!);
      slot.inFlight.delete(data.batch!);
      waiters?.forEach((waiter, index) => waiter.settle(data.results![index]!));
    });
    worker.on('error', (error) => this.log(`crypto worker failed: ${error.name}: ${error.message}`));
    worker.on('exit', (code) => this.replace(slot, code));
  }

  private replace(slot: Slot, code: number): void {
    if (this.closing) return;
    this.log(`crypto worker exited with ${code}; replacing it`);
    failAll(slot, new Error('crypto worker died'));
    if (!slot.ready) slot.failedStarts += 1;
    slot.worker = null;
    if (slot.failedStarts < MAX_FAILED_STARTS) this.start(slot);
    else this.log('crypto worker cannot start; opening callbacks in-thread instead');
  }

  private flush(slot: Slot): void {
    const waiters = slot.queued.splice(0);
    if (waiters.length === 0) return;
    if (!slot.worker) return waiters.forEach((waiter) => waiter.settle(runCryptoJob(waiter.job)));
    const batch = this.nextBatch++;
    slot.inFlight.set(batch, waiters);
    try {
      slot.worker.postMessage({ batch, jobs: waiters.map((waiter) => waiter.job) } satisfies JobBatch);
    } catch (error) {
      slot.inFlight.delete(batch);
      waiters.forEach((waiter) => waiter.fail(error as Error));
    }
  }
}

function failAll(slot: Slot, error: Error): void {
  for (const waiters of slot.inFlight.values()) waiters.forEach((waiter) => waiter.fail(error));
  slot.inFlight.clear();
  if (slot.worker === null) slot.queued.splice(0).forEach((waiter) => waiter.fail(error));
}

function unwrap(result: JobResult): InboundMessage | EncodedReply {
  if (!result.ok) rethrow(result.failure);
  return result.value;
}
