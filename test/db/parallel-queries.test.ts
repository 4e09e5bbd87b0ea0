import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { executorOf, type Store } from '../../src/db/db.js';
import { runHere, startQueries } from '../../src/db/parallel-queries.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

// Counts the worker threads started, to see the SQLite path really leaves this thread (it falls back silently).
const started = vi.hoisted(() => ({ workers: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.workers += 1;
    }
  }
  return { ...actual, Worker: CountedWorker };
});

// On a SQLite file the queries run on a worker thread's own connection; on PostgreSQL on pooled connections at once.
describe(`startQueries on a file or server database (${testEngine()})`, () => {
  let db: SharedTestDb;
  let store: Store;
  beforeEach(async () => {
    db = await sharedTestDb();
    store = await db.open();
    await executorOf(store).run('CREATE TABLE t (k INTEGER, v TEXT)');
    await executorOf(store).run(`INSERT INTO t VALUES (1, 'a'), (2, '张'), (3, NULL)`);
  });
  afterEach(() => db.cleanup());

  it('returns the rows this connection would, query by query', async () => {
    const queries = [
      { sql: 'SELECT k, v FROM t WHERE k >= @min ORDER BY k', params: { min: 2 } },
      { sql: 'SELECT count(*) AS "n" FROM t', params: {} },
    ];
    const before = started.workers;
    const rows = await startQueries(executorOf(store), queries).results();
    expect(rows).toEqual([[[2, '张'], [3, null]], [[3]]]);
    expect(started.workers - before).toBe(testEngine() === 'sqlite' ? 1 : 0);
    expect(await runHere(executorOf(store), queries).results()).toEqual(rows);
  });

  it('surfaces a failing query as this connection\'s error', async () => {
    const error = /no such column: nope|column "nope" does not exist/;
    await expect(startQueries(executorOf(store), [{ sql: 'SELECT nope FROM t', params: {} }]).results()).rejects.toThrow(error);
  });
});
