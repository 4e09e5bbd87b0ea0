import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHere, runInWorker } from '../../src/db/parallel-queries.js';

describe('runInWorker', () => {
  let dir: string;
  let sqlite: Sqlite.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'camp-bot-pq-'));
    sqlite = new Sqlite(join(dir, 'q.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(`CREATE TABLE t (k INTEGER, v TEXT); INSERT INTO t VALUES (1, 'a'), (2, '张'), (3, NULL)`);
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the rows this connection would, query by query', () => {
    const queries = [{ sql: 'SELECT k, v FROM t WHERE k >= @min ORDER BY k', params: { min: 2 } }, { sql: 'SELECT count(*) FROM t', params: {} }];
    const rows = runInWorker(sqlite, queries).results();
    expect(rows).toEqual([[[2, '张'], [3, null]], [[3]]]);
    expect(runHere(sqlite, queries).results()).toEqual(rows);
  });

  it('surfaces a failing query as this connection\'s error', () => {
    expect(() => runInWorker(sqlite, [{ sql: 'SELECT nope FROM t', params: {} }]).results()).toThrow(/no such column: nope/);
  });
});
