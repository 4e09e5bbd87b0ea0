import { createRequire } from 'node:module';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Executor } from './engine/executor.js';
import { SqliteExecutor } from './engine/sqlite-executor.js';

/** One read-only statement and its named parameters. */
export interface SqlQuery {
  sql: string;
  params: Record<string, unknown>;
}

/** Queries started now whose rows are read later. */
export interface PendingQueries {
  /** Every query's rows (as arrays), in order, once all have run. */
  results(): Promise<unknown[][][]>;
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
const { driver, file, queries, port } = workerData;
let reply;
try {
  const Database = require(driver);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The queries scan index ranges once, so a big page cache buys nothing, and its memory would outlive the thread.
  db.pragma('cache_size = -1024');
  db.pragma('busy_timeout = 5000');
  try {
    reply = { rows: queries.map(({ sql, params }) => db.prepare(sql).raw(true).all(params)) };
  } finally {
    db.close();
  }
} catch (error) {
  reply = { error: String((error && error.stack) || error) };
}
port.postMessage(reply);
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** Runs the queries on this handle, one after another, when their rows are asked for. */
export function runHere(ex: Executor, queries: readonly SqlQuery[]): PendingQueries {
  return {
    results: async () => {
      const rows: unknown[][][] = [];
      for (const { sql, params } of queries) rows.push(await ex.rows(sql, params));
      return rows;
    },
  };
}

/**
 * Starts read-only queries where they run beside this thread's work: on PostgreSQL on several pooled connections at
 * once (the server's cores); on a SQLite file, outside a transaction, on a worker thread with its own read-only
 * connection (the other core), falling back to this connection when the thread fails. Elsewhere (`:memory:`, inside
 * a transaction, which another connection cannot see into) they run here.
 */
export function startQueries(ex: Executor, queries: readonly SqlQuery[]): PendingQueries {
  if (ex.dialect === 'postgres') {
    const running = Promise.all(queries.map(({ sql, params }) => ex.rows(sql, params)));
    running.catch(() => undefined);
    return { results: () => running };
  }
  if (!(ex instanceof SqliteExecutor) || ex.inTransaction || ex.sqlite.memory) return runHere(ex, queries);
  return runInWorker(ex, queries);
}

function runInWorker(ex: SqliteExecutor, queries: readonly SqlQuery[]): PendingQueries {
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: driverPath, file: ex.sqlite.name, queries, port: port2 },
      transferList: [port2],
    });
  } catch {
    return runHere(ex, queries);
  }
  worker.unref();
  const reply = new Promise<WorkerReply | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), WORKER_TIMEOUT_MS);
    timer.unref();
    port1.once('message', (message: WorkerReply) => {
      clearTimeout(timer);
      resolve(message);
    });
    worker.once('error', () => resolve(undefined));
  });
  return {
    results: async () => {
      const answer = await reply;
      port1.close();
      void worker.terminate();
      // On any failure the same queries run here, so a real error (bad SQL) surfaces from this connection.
      return answer?.rows ?? runHere(ex, queries).results();
    },
  };
}

interface WorkerReply {
  rows?: unknown[][][];
  error?: string;
}
