import { parentPort, workerData } from 'node:worker_threads';
import type { NewEvent } from '../db/event-types.js';
import { ValidationError } from '../errors.js';
import { eventRows } from './event-rows.js';
import type { EventsJob, WorkerReply } from './events-from-worker.js';
import { importedEvents } from './imported-events.js';

const BATCH = 2000;
const port = parentPort;
if (!port) throw new Error('events-worker must run in a worker thread');

// The writer asks for each batch after the first, so at most two are ever in flight.
let credit = 1;
let resume: (() => void) | null = null;
port.on('message', () => {
  credit += 1;
  resume?.();
});

async function sendBatch(events: NewEvent[]): Promise<void> {
  port!.postMessage({ events } satisfies WorkerReply);
  credit -= 1;
  while (credit <= 0) await new Promise<void>((wake) => (resume = wake));
  resume = null;
}

async function run({ file, encoding, ctx, assignments }: EventsJob): Promise<void> {
  let batch: NewEvent[] = [];
  const rows = eventRows(file, encoding);
  for await (const event of importedEvents(rows, { ...ctx, learners: new Set(ctx.learners) }, new Set(assignments))) {
    batch.push(event);
    if (batch.length === BATCH) await sendBatch(batch.splice(0));
  }
  if (batch.length > 0) await sendBatch(batch);
  port!.postMessage({ done: true } satisfies WorkerReply);
}

run(workerData as EventsJob).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const problems = error instanceof ValidationError ? error.problems : null;
  port.postMessage({ failed: { message, problems } } satisfies WorkerReply);
});
