import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';

/** One read-only statement and its named parameters. */
export interface SqlQuery {
  sql: string;
  params: Record<string, unknown>;
}

/** Queries started now whose rows are read later. */
export interface PendingQueries {
  /** Blocks until every query has run, then each query's rows (as arrays), in order. */
  results(): unknown[][][];
}

/** Waiting longer than this for the thread means it never started; the queries then run here. */
const WORKER_TIMEOUT_MS = 120_000;

/**
 * The thread's code is plain JavaScript so the thread starts in tens of milliseconds: tsx's hooks do not reach worker
 * threads on Node 20, and loading tsx there costs ~200 ms. It opens the same file read-only (WAL lets it read beside
 * the main connection) and sends back every query's rows, which callers keep few (see `bulkSelect`).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { driver, file, queries, port, signal } = workerData;
let reply;
try {
  const Database = require(driver);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The queries scan index ranges once, so a big page cache buys nothing, and its memory would outlive the thread.
  db.pragma('cache_size = -1024');
  try {
    reply = { rows: queries.map(({ sql, params }) => db.prepare(sql).raw(true).all(params)) };
  } finally {
    db.close();
  }
} catch (error) {
  reply = { error: String((error && error.stack) || error) };
}
port.postMessage(reply);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** Runs the queries on this connection when their rows are asked for. */
export function runHere(sqlite: Sqlite.Database, queries: readonly SqlQuery[]): PendingQueries {
  return { results: () => queries.map(({ sql, params }) => sqlite.prepare(sql).raw(true).all(params) as unknown[][]) };
}

/**
 * Starts read-only queries on a worker thread with its own connection to the same database file, so they run on
 * the other core while this thread keeps working; `results()` blocks until they are done (callers stay synchronous).
 * Falls back to this connection when the thread cannot start or reports an error. Only for a file database and
 * outside a transaction: another connection sees neither `:memory:` nor uncommitted rows.
 */
export function runInWorker(sqlite: Sqlite.Database, queries: readonly SqlQuery[]): PendingQueries {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: driverPath, file: sqlite.name, queries, port: port2, signal },
      transferList: [port2],
    });
  } catch {
    return runHere(sqlite, queries);
  }
  worker.unref();
  return {
    results: () => {
      const waited = Atomics.wait(signal, 0, 0, WORKER_TIMEOUT_MS);
      const reply = waited === 'timed-out' ? undefined : (receiveMessageOnPort(port1)?.message as WorkerReply | undefined);
      port1.close();
      void worker.terminate();
      // On any failure the same queries run here, so a real error (bad SQL) surfaces from this connection.
      return reply?.rows ?? runHere(sqlite, queries).results();
    },
  };
}

interface WorkerReply {
  rows?: unknown[][][];
  error?: string;
}
