/**
 * A store on the run's engine with a second, read-only connection to the same data — the observer, which sees only
 * what the store's transactions have committed — and a way to make the database drop a transaction in progress.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executorOf, type Db, type Store } from '../../src/db/db.js';
import { openPostgresStore } from '../../src/db/postgres/open-postgres-store.js';
import { openSqliteStore } from '../../src/db/sqlite/open-sqlite-store.js';
import { freshPostgresSchema, testEngine } from '../support/test-store.js';

export interface ObservedStore {
  store: Store;
  observer: Store;
  close(): Promise<void>;
}

/** A fresh store (a SQLite file, or a PostgreSQL schema) and an observer on it. */
export async function openObservedStore(): Promise<ObservedStore> {
  if (testEngine() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'camp-bot-observed-'));
    const file = join(dir, 'camp-bot.db');
    const store = openSqliteStore(file);
    const observer = openSqliteStore(file, { readOnly: true });
    const close = async (): Promise<void> => {
      await observer.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { store, observer, close };
  }
  const { url, drop } = await freshPostgresSchema();
  const store = await openPostgresStore(url, { maxConnections: 4, log: () => {} });
  const observer = await openPostgresStore(url, { migrations: false, readOnly: true, maxConnections: 2 });
  const close = async (): Promise<void> => {
    await observer.close();
    await store.close();
    await drop();
  };
  return { store, observer, close };
}

/**
 * Makes the database itself end the transaction `tx` is in, the way it does on a full disk or an I/O error (SQLite
 * rolls the whole transaction back) or a lost connection (PostgreSQL), and swallows the error, as a handler that
 * catches everything would: what the transaction wrote is gone, whatever the code around it goes on to do.
 */
export async function loseTransaction(tx: Db): Promise<void> {
  const sql = testEngine() === 'sqlite' ? 'ROLLBACK' : 'SELECT pg_terminate_backend(pg_backend_pid())';
  await executorOf(tx).run(sql).catch(() => undefined);
}
