import { statSync, unlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from '../../src/db/checkpoint-database.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { openStore } from '../../src/db/open-store.js';
import { tempDbFile } from '../support/temp-db-file.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fileStore(): Promise<{ store: Store; file: string }> {
  const temp = tempDbFile();
  const store = await openStore({ dbFile: temp.file });
  cleanups.push(temp.cleanup, () => store.close());
  return { store, file: temp.file };
}

const autocheckpointPages = async (store: Store): Promise<number> =>
  (await executorOf(store).get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))!.wal_autocheckpoint;

/** Writes about `mb` MB in one transaction (4 KB rows). */
async function writeMegabytes(store: Store, mb: number): Promise<void> {
  const ex = executorOf(store);
  await ex.run('CREATE TABLE IF NOT EXISTS scratch (payload BLOB)');
  await ex.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${mb * 256}) INSERT INTO scratch SELECT randomblob(4096) FROM n`);
}

async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startBackgroundCheckpoints (SQLite file)', () => {
  it('turns the connection\'s own checkpoints off and copies the WAL into the database file on its thread', async () => {
    const { store, file } = await fileStore();
    const checkpoints = startBackgroundCheckpoints(store, () => {}, 50);
    cleanups.push(() => checkpoints.stop());
    expect(await autocheckpointPages(store)).toBe(0);
    const before = statSync(file).size;
    await writeMegabytes(store, 8);
    // The commit itself no longer checkpoints (its WAL holds the 8 MB); the thread folds it into the file soon after.
    await until(() => statSync(file).size >= before + 8 * 1024 * 1024);
  });

  it('gives the connection its own checkpoints back once stopped', async () => {
    const { store } = await fileStore();
    const checkpoints = startBackgroundCheckpoints(store, () => {}, 50);
    await checkpoints.stop();
    expect(await autocheckpointPages(store)).toBe(1000);
  });

  it('gives the connection its own checkpoints back, and says so, when the thread dies', async () => {
    const { store, file } = await fileStore();
    const lines: string[] = [];
    startBackgroundCheckpoints(store, (line) => lines.push(line), 50);
    // The thread opens the file only once it has started: gone by then, it fails and exits.
    unlinkSync(file);
    await until(() => lines.some((line) => line.includes('checkpoints the WAL itself again')));
    expect(await autocheckpointPages(store)).toBe(1000);
  });

  it('does nothing for a database in memory', async () => {
    const store = await openStore({ dbFile: ':memory:' });
    cleanups.push(() => store.close());
    const checkpoints = startBackgroundCheckpoints(store, () => {}, 50);
    expect(await autocheckpointPages(store)).toBe(1000);
    await checkpoints.stop();
  });
});
