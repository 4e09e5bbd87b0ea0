import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';

/** How often the thread copies the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 1000;

/** SQLite's own default, put back when the thread stops or dies so the WAL never grows without bound. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Plain JavaScript, so the thread starts without tsx (whose hooks do not reach worker threads on Node 20). A PASSIVE
 * checkpoint copies what no reader still needs and never waits for a lock, so the server's readers and writers go on
 * beside it. A failure is reported once until a checkpoint succeeds again.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { driver, file, everyMs } = workerData;
const Database = require(driver);
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
let lastError = '';
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    lastError = '';
  } catch (error) {
    const message = String((error && error.message) || error);
    if (message !== lastError) parentPort.postMessage({ error: message });
    lastError = message;
  }
};
const timer = setInterval(checkpoint, everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Moves this connection's WAL checkpoints to a thread of their own. SQLite otherwise checkpoints inside the commit
 * that crosses 1,000 WAL pages, on the event loop: every few MB of writes, and once after a big `events import` from
 * another process has left hundreds of MB in the WAL (a 200 MB WAL takes ~300 ms), which froze `/healthz` and every
 * callback for that long. If the thread cannot start or dies, the connection checkpoints itself again.
 */
export function checkpointInBackground(sqlite: Sqlite.Database, log: (line: string) => void, everyMs = CHECKPOINT_EVERY_MS): { stop(): Promise<void> } {
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: driverPath, file: sqlite.name, everyMs } });
  } catch (error) {
    log(`checkpoints stay on the server's thread: ${(error as Error).message}`);
    return { stop: async () => undefined };
  }
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.unref();
  let stopping = false;
  worker.on('message', (message: { error?: string }) => log(`background checkpoint failed: ${message.error}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (error) => log(`background checkpoints stopped: ${error.message}`));
  void exited.then(() => {
    if (!stopping && sqlite.open) {
      log('background checkpoints stopped; the server checkpoints the WAL itself again');
      sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    }
  });
  return {
    async stop() {
      stopping = true;
      // Unref'd so it never keeps a process alive, but awaited here: the process must wait for it to exit.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    },
  };
}
