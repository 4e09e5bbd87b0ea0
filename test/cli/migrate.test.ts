import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { appendEvent } from '../../src/db/ledger.js';
import { readLedgerHead } from '../../src/db/ledger-head.js';
import { listEvents } from '../../src/db/list-events.js';
import { listScheduleRuns } from '../../src/db/schedule-runs.js';
import { captureIo } from '../support/capture-io.js';
import { createOldDatabase, createOldPostgresDatabase } from '../support/old-database.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const KEY = 'audit-secret-for-tests-0123456789';

const run = async (...args: string[]) => {
  const io = captureIo();
  return { code: await main(args, io), out: io.stdout.join('\n'), err: io.stderr.join('\n') };
};
const exam = (userid: string) => ({ campId: 'c', type: 'exam' as const, userid, num: 1, actor: 't', source: 'command' as const, happenedAt: 1 });
const links = (store: Store) => executorOf(store).all<{ seq: number; eventId: number }>('SELECT seq, event_id AS "eventId" FROM ledger_chain ORDER BY seq');

let db: SharedTestDb;
afterEach(async () => {
  delete process.env.AUDIT_SECRET;
  await db.cleanup();
});

// Only SQLite databases exist from before the ledger head: PostgreSQL support starts with it.
describe.runIf(testEngine() === 'sqlite')('camp-bot migrate on a database from before the ledger head', () => {
  beforeEach(async () => {
    db = await sharedTestDb();
    const old = await createOldDatabase(db.file, '0003_events_revokes_index', 3);
    const insert = old.prepare(`INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by, finished_at, error) VALUES (?, ?, ?, 1, 'p1', ?, ?)`);
    insert.run('c', 'publish', '2026-12-04T18:00', 5, 'CERT_SECRET is required'); // a failure the old code marked done
    insert.run('c', 'leaderboard', '2026-12-03T20:00', 6, null);
    old.close();
  });

  it('fills the head from the existing ledger, reopens failed slots, and appends continue the chain', async () => {
    expect((await run('migrate')).code).toBe(0);
    const store = await db.open();
    const head = await readLedgerHead(store);
    expect(head).toEqual({ lastSeq: 3, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/), count: 3, mac: null });
    expect((await listScheduleRuns(store)).map(({ job, finishedAt, failures, failedAt }) => ({ job, finishedAt, failures, failedAt }))).toEqual([
      { job: 'leaderboard', finishedAt: 6, failures: 0, failedAt: null },
      { job: 'publish', finishedAt: null, failures: 1, failedAt: 5 },
    ]);
    // verify walks the chain to the head: it passes only when the head holds event 3's hash.
    expect((await run('audit', 'verify')).out).toContain('3 条事件');
    expect(await appendEvent(store, exam('u9'), 2)).toMatchObject({ id: 4 });
    expect(await links(store)).toEqual([1, 2, 3, 4].map((seq) => ({ seq, eventId: seq })));
    expect((await run('audit', 'verify')).out).toContain('4 条事件');
  });

  it('signs the head once when AUDIT_SECRET is set', async () => {
    process.env.AUDIT_SECRET = KEY;
    expect(await run('migrate')).toMatchObject({ code: 0, out: '账本头已用 AUDIT_SECRET 签名（此前未签名）\n数据库已是最新（migrations applied）' });
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: '账本完整：3 条事件的哈希链全部校验通过（账本头签名有效）' });
    expect((await run('migrate')).out).toBe('数据库已是最新（migrations applied）');
  });
});

describe(`camp-bot migrate (${testEngine()})`, () => {
  beforeEach(async () => {
    db = await sharedTestDb();
  });

  it('creates the schema of an empty database, and signs an unsigned head once AUDIT_SECRET is set', async () => {
    expect(await run('migrate')).toMatchObject({ code: 0, out: '数据库已是最新（migrations applied）' });
    const store = await db.open();
    for (const userid of ['u1', 'u2', 'u3']) await appendEvent(store, exam(userid), 2);
    await store.close();
    process.env.AUDIT_SECRET = KEY;
    expect(await run('migrate')).toMatchObject({ code: 0, out: '账本头已用 AUDIT_SECRET 签名（此前未签名）\n数据库已是最新（migrations applied）' });
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: '账本完整：3 条事件的哈希链全部校验通过（账本头签名有效）' });
    expect((await run('migrate')).out).toBe('数据库已是最新（migrations applied）');
  });
});

// The last migration before the chain had a table of its own, per engine.
const BEFORE_CHAIN_TABLE = testEngine() === 'sqlite' ? '0007_console' : '0005_console';

describe(`camp-bot migrate on a ledger from before the chain table (${testEngine()})`, () => {
  beforeEach(async () => {
    db = await sharedTestDb();
  });
  const createOld = async (auditSecret: string | null): Promise<void> => {
    if (db.url) await createOldPostgresDatabase(db.url, BEFORE_CHAIN_TABLE, 3, auditSecret);
    else (await createOldDatabase(db.file, BEFORE_CHAIN_TABLE, 3, auditSecret)).close();
  };

  it('moves every link to the chain table in its place, and appends continue after the highest id', async () => {
    await createOld(null);
    expect(await run('audit', 'verify')).toMatchObject({ code: 1, err: expect.stringContaining('请先运行 camp-bot migrate') });
    expect((await run('migrate')).code).toBe(0);
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: expect.stringContaining('3 条事件') });
    const store = await db.open();
    expect(await appendEvent(store, exam('u9'), 2)).toMatchObject({ id: 4, duplicate: false });
    expect(await links(store)).toEqual([1, 2, 3, 4].map((seq) => ({ seq, eventId: seq })));
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: expect.stringContaining('4 条事件') });
  });

  it('keeps a signed head valid', async () => {
    await createOld(KEY);
    process.env.AUDIT_SECRET = KEY;
    expect(await run('migrate')).toMatchObject({ code: 0, out: '数据库已是最新（migrations applied）' });
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: '账本完整：3 条事件的哈希链全部校验通过（账本头签名有效）' });
    const store = await db.open({ auditSecret: KEY });
    await appendEvent(store, exam('u9'), 2);
    expect(await run('audit', 'verify')).toMatchObject({ code: 0, out: '账本完整：4 条事件的哈希链全部校验通过（账本头签名有效）' });
  });
});
