import { createHmac } from 'node:crypto';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { executorOf } from '../../src/db/db.js';
import { appendEvent, linkHash } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { openPostgresStore } from '../../src/db/postgres/open-postgres-store.js';
import { redactUrl } from '../../src/redact-url.js';
import { openSqliteStore, SQLITE_MIGRATIONS } from '../../src/db/sqlite/open-sqlite-store.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { createOldDatabase } from '../support/old-database.js';
import { startCampFixture } from '../support/camp-fixture.js';
import { testEngine } from '../support/test-store.js';

const KEY = 'audit-secret-for-tests-0123456789';
/** SQLite's append-only triggers as migrations 0001 (events) and 0008 (ledger_chain) create them. */
const SQLITE_TRIGGERS = ['0001_ledger_append_only.sql', '0008_ledger_chain.sql']
  .flatMap((file) => readFileSync(join(SQLITE_MIGRATIONS, file), 'utf8').split('--> statement-breakpoint'))
  .map((statement) => statement.replace(/^--.*$/gm, '').trim()).filter((statement) => statement.startsWith('CREATE TRIGGER'));
const onSqlite = testEngine() === 'sqlite';

let db: SharedTestDb;

async function appendFive(auditSecret: string | null = null): Promise<void> {
  const store = await db.open({ auditSecret });
  for (const [i, userid] of ['u1', 'u2', 'u3', 'u4', 'u5'].entries()) {
    await appendEvent(store, { campId: 'c', type: 'exam', userid, num: 60 + i, ref: 'final', actor: 't', source: 'command', happenedAt: 1 }, 2);
  }
  await store.close();
}

/**
 * What someone with the database and its client does, statement by statement, without camp-bot: on SQLite (the file
 * and sqlite3) through better-sqlite3, on PostgreSQL (the role's password and psql) through a connection of its own.
 */
async function asAttacker<T>(work: (run: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<T>): Promise<T> {
  if (onSqlite) {
    const raw = new Sqlite(db.file);
    try {
      return await work(async (sql, params = []) => {
        const statement = raw.prepare(sql);
        return statement.reader ? statement.get(...params) : statement.run(...params);
      });
    } finally {
      raw.close();
    }
  }
  const store = await openPostgresStore(db.url!, { migrations: false, maxConnections: 1 });
  try {
    return await work((sql, params = []) => (/^\s*SELECT/i.test(sql) ? executorOf(store).get(sql, params) : executorOf(store).run(sql, params)));
  } finally {
    await store.close();
  }
}

const tamper = (statements: string[]): Promise<void> => asAttacker(async (run) => {
  for (const sql of statements) await run(sql);
});

const hashOf = (seq: number): Promise<string> =>
  asAttacker(async (run) => ((await run('SELECT hash FROM ledger_chain WHERE seq = ?', [seq])) as { hash: string }).hash);

const GUARDED = ['events', 'ledger_chain'];

/**
 * Changes rows with the append-only guards and the chain's foreign key out of the way, then puts the guards back as
 * they were (the foreign key stays off on PostgreSQL: put back, it would refuse what was done).
 */
function behindTheBot(statements: string[]): Promise<void> {
  if (onSqlite) {
    const drops = GUARDED.flatMap((table) => [`DROP TRIGGER ${table}_no_update`, `DROP TRIGGER ${table}_no_delete`]);
    return tamper(['PRAGMA foreign_keys = OFF', ...drops, ...statements, ...SQLITE_TRIGGERS]);
  }
  return tamper([
    ...GUARDED.map((table) => `ALTER TABLE ${table} DISABLE TRIGGER USER`),
    'ALTER TABLE ledger_chain DROP CONSTRAINT ledger_chain_event_id_events_id_fk',
    ...statements,
    ...GUARDED.map((table) => `ALTER TABLE ${table} ENABLE TRIGGER USER`),
  ]);
}

const dropTrigger = (name: string, table = 'events'): string => (onSqlite ? `DROP TRIGGER ${name}` : `DROP TRIGGER ${name} ON ${table}`);

const FORGED_ROW = { camp_id: 'c', type: 'exam', userid: 'u9', num: 100, text: null, ref: 'final', actor: 't', source: 'command',
  happened_at: 1, recorded_at: 2, revokes: null, note: null, dedupe_key: null };
const forgeEvent = (run: (sql: string, params?: unknown[]) => Promise<unknown>): Promise<unknown> =>
  run(`INSERT INTO events (id, camp_id, type, userid, num, ref, actor, source, happened_at, recorded_at)
    VALUES (6, 'c', 'exam', 'u9', 100, 'final', 't', 'command', 1, 2)`);

async function verify(): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['audit', 'verify'], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe(`camp-bot audit verify (${testEngine()})`, () => {
  beforeEach(async () => {
    db = await sharedTestDb();
    delete process.env.AUDIT_SECRET;
  });
  afterEach(async () => {
    delete process.env.AUDIT_SECRET;
    await db.cleanup();
  });

  describe('finds every kind of tampering, with one line', () => {
    beforeEach(() => appendFive());

    it('passes an untouched ledger, and says what it cannot rule out without AUDIT_SECRET', async () => {
      const result = await verify();
      expect(result.code).toBe(0);
      expect(result.out).toBe('账本完整：5 条事件的哈希链全部校验通过（未设置 AUDIT_SECRET：无法排除连同账本头一起改写的截断）');
    });

    it('an edited row', async () => {
      await behindTheBot(['UPDATE events SET num = 100 WHERE id = 2']);
      expect(await verify()).toEqual({ code: 1, out: '', err: '账本校验失败：事件 #2：内容与哈希不符（该事件被修改）' });
    });

    it('a middle event deleted with its link', async () => {
      await behindTheBot(['DELETE FROM ledger_chain WHERE seq = 3', 'DELETE FROM events WHERE id = 3']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #4：链上序号不连续：前一条是第 2 条，缺少第 3 条（有事件被删除或重新编号）' });
    });

    it('a middle event deleted, its link left', async () => {
      await behindTheBot(['DELETE FROM events WHERE id = 3']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #3：链上第 3 条记着这条事件，账本里却没有它（事件被删除或重新编号）' });
    });

    it('the newest event deleted (an /undo removed)', async () => {
      await behindTheBot(['DELETE FROM ledger_chain WHERE seq = 5', 'DELETE FROM events WHERE id = 5']);
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.err).toBe('账本校验失败：账本被截断：账本头记到第 5 条（共 5 条），链只到第 4 条（共 4 条），最新的事件被删除');
    });

    it('renumbered ids', async () => {
      await behindTheBot(['UPDATE events SET id = id + 10 WHERE id >= 4', 'UPDATE ledger_chain SET event_id = event_id + 10 WHERE event_id >= 4']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #14：编号与链上的不符：这条事件原来是 #4（被重新编号）' });
    });

    it('renumbered ids, the chain left as it was', async () => {
      await behindTheBot(['UPDATE events SET id = id + 10 WHERE id >= 4']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #4：链上第 4 条记着这条事件，账本里却没有它（事件被删除或重新编号）' });
    });

    it('renumbered links', async () => {
      await behindTheBot(['UPDATE ledger_chain SET seq = seq + 10 WHERE seq >= 4']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #4：链上序号不连续：前一条是第 3 条，缺少第 4 条（有事件被删除或重新编号）' });
    });

    it('two events swapped in the chain', async () => {
      await behindTheBot([
        'UPDATE ledger_chain SET event_id = 0 WHERE seq = 4', 'UPDATE ledger_chain SET event_id = 4 WHERE seq = 5',
        'UPDATE ledger_chain SET event_id = 5 WHERE seq = 4',
      ]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #5：内容与哈希不符（该事件被修改）' });
    });

    it('an event forged onto the end, correctly chained, without moving the head', async () => {
      const last = await hashOf(5);
      await asAttacker(async (run) => {
        await forgeEvent(run);
        await run('INSERT INTO ledger_chain (seq, event_id, prev_hash, hash) VALUES (6, 6, ?, ?)', [last, linkHash(last, 6, 6, FORGED_ROW)]);
      });
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #6：账本头只记到第 5 条（共 5 条）：之后的事件不是由 camp-bot 追加的' });
    });

    it('an event inserted without the seal (no link)', async () => {
      await asAttacker(forgeEvent);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #6：这条事件不在哈希链上：不是由 camp-bot 追加的' });
    });

    it('a dropped trigger', async () => {
      await tamper([dropTrigger('events_no_delete')]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_delete 被删除' });
    });

    it("a dropped trigger of the chain's table", async () => {
      await tamper([dropTrigger('ledger_chain_no_update', 'ledger_chain')]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：ledger_chain 表的只追加触发器 ledger_chain_no_update 被删除' });
    });

    it.runIf(onSqlite)('a trigger redefined to do nothing', async () => {
      await tamper([
        'DROP TRIGGER events_no_update', 'DROP TRIGGER events_no_delete',
        'CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT 1; END',
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
      ]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_update 被改写' });
    });

    // PostgreSQL's guards are three triggers calling one function: each can be dropped, narrowed, switched off or emptied.
    it.runIf(!onSqlite)('a TRUNCATE trigger dropped', async () => {
      await tamper([dropTrigger('events_no_truncate')]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_truncate 被删除' });
    });

    it.runIf(!onSqlite)('a trigger redefined to guard one column only', async () => {
      await tamper([
        dropTrigger('events_no_update'),
        'CREATE TRIGGER events_no_update BEFORE UPDATE OF note ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()',
      ]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_update 被改写' });
    });

    it.runIf(!onSqlite)('the guard function emptied, so every trigger lets changes through', async () => {
      await tamper(['CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_append_only 被改写' });
    });

    it.runIf(!onSqlite)("the chain's guard function emptied", async () => {
      await tamper(['CREATE OR REPLACE FUNCTION ledger_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：ledger_chain 表的只追加触发器 ledger_chain_append_only 被改写' });
    });

    it.runIf(!onSqlite)("the chain's TRUNCATE trigger switched off", async () => {
      await tamper(['ALTER TABLE ledger_chain DISABLE TRIGGER ledger_chain_no_truncate']);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：ledger_chain 表的只追加触发器 ledger_chain_no_truncate 被停用' });
    });

    it.runIf(!onSqlite).each(['DISABLE TRIGGER', 'ENABLE REPLICA TRIGGER'])('a trigger left switched off (ALTER TABLE … %s)', async (how) => {
      await tamper([`ALTER TABLE events ${how} events_no_delete`]);
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_delete 被停用' });
    });
  });

  describe('with AUDIT_SECRET, the head is signed and a rewritten head shows', () => {
    beforeEach(async () => {
      await appendFive(KEY);
      process.env.AUDIT_SECRET = KEY;
    });
    const truncateAndRewriteHead = (mac: string | null): Promise<void> => behindTheBot([
      'DELETE FROM ledger_chain WHERE seq = 5',
      'DELETE FROM events WHERE id = 5',
      `UPDATE ledger_head SET last_seq = 4, count = 4, last_hash = (SELECT hash FROM ledger_chain WHERE seq = 4), mac = ${mac === null ? 'NULL' : `'${mac}'`}`,
    ]);

    it('passes and says the signature holds', async () => {
      expect(await verify()).toEqual({ code: 0, out: '账本完整：5 条事件的哈希链全部校验通过（账本头签名有效）', err: '' });
    });

    it('the newest event deleted and the head rewritten without the key', async () => {
      const hash4 = await hashOf(4);
      const guessed = createHmac('sha256', 'not-the-audit-secret').update(`camp-bot ledger head\n4\n${hash4}\n4`).digest('hex');
      await truncateAndRewriteHead(guessed);
      expect(await verify()).toEqual({ code: 1, out: '', err: '账本校验失败：账本头签名不符：账本头被改写，或 AUDIT_SECRET 与签名时不同' });
    });

    it('the head stripped of its signature', async () => {
      await truncateAndRewriteHead(null);
      expect((await verify()).err).toBe('账本校验失败：账本头未签名：设置 AUDIT_SECRET 后运行 camp-bot migrate 或启动 serve 为它签名');
    });

    it('without the key the same rewrite cannot be seen, and the success line says so', async () => {
      await truncateAndRewriteHead(null);
      delete process.env.AUDIT_SECRET;
      expect((await verify()).out).toContain('无法排除连同账本头一起改写的截断');
    });
  });

  describe('only reads', () => {
    it.runIf(onSqlite)('refuses a database whose schema is not up to date, and leaves it as it was', async () => {
      (await createOldDatabase(db.file, '0003_events_revokes_index', 3)).close();
      const before = { bytes: readFileSync(db.file), mtime: statSync(db.file).mtimeMs };
      expect(await verify()).toEqual({ code: 1, out: '', err: `camp-bot: 数据库 ${db.file} 的结构不是最新的：请先运行 camp-bot migrate` });
      expect(readFileSync(db.file).equals(before.bytes)).toBe(true);
      expect(statSync(db.file).mtimeMs).toBe(before.mtime);
    });

    it.runIf(!onSqlite)('refuses a schema whose newest migration is not applied, and applies nothing', async () => {
      await appendFive();
      const applied = (): Promise<unknown> => asAttacker((run) => run('SELECT count(*) AS "n" FROM __drizzle_migrations'));
      await tamper(['DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)']);
      const before = await applied();
      expect(await verify()).toEqual({ code: 1, out: '', err: `camp-bot: 数据库 ${redactUrl(db.url!)} 的结构不是最新的：请先运行 camp-bot migrate` });
      expect(await applied()).toEqual(before);
    });

    it.runIf(onSqlite)('writes nothing to a live database: file and WAL bytes and times unchanged, a read-only file works', async () => {
      await appendFive();
      const serve = openSqliteStore(db.file); // a running server keeps its commits in the WAL
      await appendEvent(serve, { campId: 'c', type: 'exam', userid: 'u6', num: 70, ref: 'final', actor: 't', source: 'command', happenedAt: 1 }, 2);
      const wal = `${db.file}-wal`;
      const snapshot = () => ({ db: readFileSync(db.file), dbTime: statSync(db.file).mtimeMs, wal: readFileSync(wal), walTime: statSync(wal).mtimeMs });
      const before = snapshot();
      expect(before.wal.length).toBeGreaterThan(0);
      chmodSync(db.file, 0o444);
      try {
        expect(await verify()).toMatchObject({ code: 0, out: expect.stringContaining('6 条事件') });
        expect(snapshot()).toEqual(before);
      } finally {
        chmodSync(db.file, 0o644);
        await serve.close();
      }
    });

    it.runIf(onSqlite)('names a missing database file instead of creating it', async () => {
      expect(await verify()).toEqual({ code: 1, out: '', err: expect.stringMatching(/^camp-bot: DB_FILE .* cannot be opened for reading/) });
      expect(() => statSync(db.file)).toThrow();
    });

    it.runIf(!onSqlite)('names a database that does not exist, in one line', async () => {
      const missing = new URL(db.url!);
      missing.pathname = '/campbot_no_such_database';
      process.env.DATABASE_URL = missing.toString();
      const result = await verify();
      expect(result).toMatchObject({ code: 1, out: '' });
      expect(result.err).toMatch(/^camp-bot: .*campbot_no_such_database.* does not exist$/);
    });
  });

  // The fixture serves from a SQLite file only; the lone surrogate on PostgreSQL: test/db/ledger.test.ts.
  it.runIf(onSqlite)('passes after an AI-bot message whose JSON carries a lone surrogate (no false tampering)', async () => {
    const camp = await startCampFixture({ dbFile: db.file });
    let added: { note: string | null }[];
    try {
      added = (await camp.delta(() => camp.aiBot('zhang', '/score project @小刚 +5 需求\ud800分析'))).added;
    } finally {
      await camp.close();
    }
    expect(await verify()).toMatchObject({ code: 0, out: expect.stringContaining('1 条事件') });
    expect(added).toMatchObject([{ type: 'project', userid: 'gang', num: 5, note: '需求\ufffd分析' }]);
  });

  it('backs up into a SQLite file that verifies, and refuses to overwrite', async () => {
    await appendFive();
    const copy = join(db.dir, 'copy.db');
    expect(await main(['backup', copy], captureIo())).toBe(0);
    const backup = openSqliteStore(copy, { readOnly: true });
    try {
      expect(await listEvents(backup)).toHaveLength(5);
    } finally {
      await backup.close();
    }
    const url = process.env.DATABASE_URL;
    process.env.DB_FILE = copy;
    delete process.env.DATABASE_URL;
    expect((await verify()).code).toBe(0);
    if (url !== undefined) process.env.DATABASE_URL = url;
    const again = captureIo();
    expect(await main(['backup', copy], again)).toBe(2);
    expect(again.stderr[0]).toContain('already exists');
  });
});
