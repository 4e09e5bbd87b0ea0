import { Worker } from 'node:worker_threads';
import type { NewEvent } from '../db/event-types.js';
import { ValidationError } from '../errors.js';
import type { EventRowContext } from './event-row.js';
import type { Progress } from './import-result.js';
import type { TextEncoding } from './text-encoding.js';

/** What the worker needs to turn a checked file into events (sets travel as arrays). */
export interface EventsJob {
  file: string;
  encoding: TextEncoding;
  ctx: Omit<EventRowContext, 'learners'> & { learners: string[] };
  assignments: string[];
}

/** A batch of events, the end, or why the worker stopped (`problems` when it was a ValidationError). */
export type WorkerReply =
  | { events: NewEvent[] }
  | { done: true }
  | { failed: { message: string; problems: string[] | null } };

const ENTRY = new URL('./events-worker-entry.mjs', import.meta.url);

/**
 * The events of a checked CSV (`importedEvents`), made on a worker thread while this thread appends the batch before,
 * so reading, checking and keying rows takes nothing from the writer. Throws what the worker threw.
 * @example await appendImportedEvents(sqlite, eventsFromWorker(file, 'utf-8', ctx, assignments), now)
 */
export async function* eventsFromWorker(
  file: string, encoding: TextEncoding, ctx: EventRowContext, assignments: ReadonlySet<string>, progress?: Progress,
): AsyncGenerator<NewEvent> {
  const job: EventsJob = { file, encoding, ctx: { ...ctx, learners: [...ctx.learners] }, assignments: [...assignments] };
  // The worker's own heap holds only a stream's worth of rows; the occurrence table lives outside it.
  const worker = new Worker(ENTRY, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 128 } });
  const replies = new ReplyQueue(worker);
  let written = 0;
  try {
    for (let reply = await replies.next(); !('done' in reply); reply = await replies.next()) {
      if ('failed' in reply) throw failure(reply.failed);
      worker.postMessage('more');
      for (const event of reply.events) yield event;
      const before = written;
      written += reply.events.length;
      if (progress && Math.floor(written / 100_000) > Math.floor(before / 100_000)) progress('written', written);
    }
  } finally {
    await worker.terminate();
  }
}

function failure({ message, problems }: { message: string; problems: string[] | null }): Error {
  return problems ? new ValidationError(message, problems) : new Error(message);
}

/** The worker's replies in order; a worker that dies or exits before it is done becomes a failed reply. */
class ReplyQueue {
  private readonly replies: WorkerReply[] = [];
  private wake: (() => void) | null = null;

  constructor(worker: Worker) {
    const push = (reply: WorkerReply): void => {
      this.replies.push(reply);
      this.wake?.();
    };
    worker.on('message', push);
    worker.on('error', (error) => push({ failed: { message: `导入线程出错：${error.message}`, problems: null } }));
    worker.on('exit', (code) => push({ failed: { message: `导入线程意外退出（exit ${code}）`, problems: null } }));
  }

  async next(): Promise<WorkerReply> {
    while (this.replies.length === 0) await new Promise<void>((wake) => (this.wake = wake));
    this.wake = null;
    return this.replies.shift()!;
  }
}
