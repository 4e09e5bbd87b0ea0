import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executorOf, transaction, type Store } from '../../../src/db/db.js';
import { openSqliteStore } from '../../../src/db/sqlite/open-sqlite-store.js';
import { tempDbFile } from '../../support/temp-db-file.js';

let temp: ReturnType<typeof tempDbFile>;
let store: Store;
let other: Sqlite.Database;
beforeEach(() => {
  temp = tempDbFile();
  store = openSqliteStore(temp.file);
  // Another process's connection, as a CLI import beside `serve` would hold.
  other = new Sqlite(temp.file);
});
afterEach(async () => {
  other.close();
  await store.close();
  temp.cleanup();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite store while another connection holds the write lock', () => {
  it('waits without blocking the event loop, reads meanwhile, and commits once the lock is released', async () => {
    other.prepare('BEGIN IMMEDIATE').run();
    other.prepare("INSERT INTO people (userid, name) VALUES ('other', '别的进程')").run();
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const write = transaction(store, async (tx) => {
      await executorOf(tx).run("INSERT INTO people (userid, name) VALUES ('mine', '我')");
    });
    const plainWrite = executorOf(store).run("INSERT INTO people (userid, name) VALUES ('plain', '单条')");
    await sleep(200);
    expect(ticks).toBeGreaterThan(10);
    // Readers are never blocked by a writer in WAL mode, and see only committed rows.
    expect(await executorOf(store).all('SELECT userid FROM people')).toEqual([]);
    other.prepare('COMMIT').run();
    await Promise.all([write, plainWrite]);
    clearInterval(ticker);
    const rows = await executorOf(store).all<{ userid: string }>('SELECT userid FROM people ORDER BY userid');
    expect(rows.map((row) => row.userid)).toEqual(['mine', 'other', 'plain']);
  });
});
