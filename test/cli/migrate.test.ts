import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase } from '../../src/db/open-database.js';
import { captureIo } from '../support/capture-io.js';
import { createOldDatabase } from '../support/old-database.js';
import { tempDbFile } from '../support/temp-db-file.js';

const KEY = 'audit-secret-for-tests-0123456789';

describe('camp-bot migrate on a database from before the ledger head', () => {
  let temp: ReturnType<typeof tempDbFile>;
  beforeEach(() => {
    temp = tempDbFile();
    const old = createOldDatabase(temp.file, '0003_events_revokes_index', 3);
    const run = old.prepare(`INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by, finished_at, error) VALUES (?, ?, ?, 1, 'p1', ?, ?)`);
    run.run('c', 'publish', '2026-12-04T18:00', 5, 'CERT_SECRET is required'); // a failure the old code marked done
    run.run('c', 'leaderboard', '2026-12-03T20:00', 6, null);
    old.close();
  });
  afterEach(() => {
    delete process.env.AUDIT_SECRET;
    temp.cleanup();
  });

  const raw = <T>(sql: string): T[] => {
    const sqlite = new Sqlite(temp.file, { readonly: true });
    try {
      return sqlite.prepare(sql).all() as T[];
    } finally {
      sqlite.close();
    }
  };
  const run = async (...args: string[]) => {
    const io = captureIo();
    return { code: await main(args, io), out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  it('fills the head from the existing ledger, reopens failed slots, and appends continue the chain', async () => {
    expect((await run('migrate')).code).toBe(0);
    const [last] = raw<{ hash: string }>('SELECT hash FROM events WHERE id = 3');
    expect(raw('SELECT last_id AS lastId, last_hash AS lastHash, count, mac FROM ledger_head')).toEqual([
      { lastId: 3, lastHash: last!.hash, count: 3, mac: null },
    ]);
    expect(raw('SELECT job, finished_at AS finishedAt, failures, failed_at AS failedAt FROM schedule_runs ORDER BY job')).toEqual([
      { job: 'leaderboard', finishedAt: 6, failures: 0, failedAt: null },
      { job: 'publish', finishedAt: null, failures: 1, failedAt: 5 },
    ]);
    expect((await run('audit', 'verify')).out).toContain('3 条事件');
    const database = openDatabase(temp.file);
    expect(appendEvent(database.sqlite, { campId: 'c', type: 'exam', userid: 'u9', num: 1, actor: 't', source: 'command', happenedAt: 1 }, 2).id).toBe(4);
    database.close();
    expect((await run('audit', 'verify')).out).toContain('4 条事件');
  });

  it('signs the head once when AUDIT_SECRET is set', async () => {
    process.env.AUDIT_SECRET = KEY;
    expect(await run('migrate')).toMatchObject({ code: 0, out: '账本头已用 AUDIT_SECRET 签名（此前未签名）\n数据库已是最新（migrations applied）' });
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: '账本完整：3 条事件的哈希链全部校验通过（账本头签名有效）' });
    expect((await run('migrate')).out).toBe('数据库已是最新（migrations applied）');
  });
});
