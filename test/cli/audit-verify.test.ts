import { createHmac } from 'node:crypto';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { appendEvent, eventHash } from '../../src/db/ledger.js';
import { MIGRATIONS, openDatabase } from '../../src/db/open-database.js';
import { captureIo } from '../support/capture-io.js';
import { createOldDatabase } from '../support/old-database.js';
import { startCampFixture } from '../support/camp-fixture.js';
import { tempDbFile } from '../support/temp-db-file.js';

const KEY = 'audit-secret-for-tests-0123456789';
const TRIGGERS = readFileSync(join(MIGRATIONS, '0001_ledger_append_only.sql'), 'utf8').replaceAll('--> statement-breakpoint', '');

function appendFive(file: string, auditSecret: string | null = null): void {
  const database = openDatabase(file, { auditSecret });
  for (const [i, userid] of ['u1', 'u2', 'u3', 'u4', 'u5'].entries()) {
    appendEvent(database.sqlite, { campId: 'c', type: 'exam', userid, num: 60 + i, ref: 'final', actor: 't', source: 'command', happenedAt: 1 }, 2);
  }
  database.close();
}

/** What someone with the database file and sqlite3 does: drop the guards, change the rows, put the guards back. */
function behindTheBot(file: string, sql: string, { restoreTriggers = true } = {}): void {
  const raw = new Sqlite(file);
  raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  raw.exec(sql);
  if (restoreTriggers) raw.exec(TRIGGERS);
  raw.close();
}

async function verify(): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['audit', 'verify'], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('camp-bot audit verify', () => {
  let temp: ReturnType<typeof tempDbFile>;
  beforeEach(() => {
    temp = tempDbFile();
    delete process.env.AUDIT_SECRET;
  });
  afterEach(() => {
    delete process.env.AUDIT_SECRET;
    temp.cleanup();
  });

  describe('finds every kind of tampering, with one line', () => {
    beforeEach(() => appendFive(temp.file));

    it('passes an untouched ledger, and says what it cannot rule out without AUDIT_SECRET', async () => {
      const result = await verify();
      expect(result.code).toBe(0);
      expect(result.out).toBe('账本完整：5 条事件的哈希链全部校验通过（未设置 AUDIT_SECRET：无法排除连同账本头一起改写的截断）');
    });

    it('an edited row', async () => {
      behindTheBot(temp.file, 'UPDATE events SET num = 100 WHERE id = 2');
      expect(await verify()).toEqual({ code: 1, out: '', err: '账本校验失败：事件 #2：内容与哈希不符（该事件被修改）' });
    });

    it('a middle row deleted', async () => {
      behindTheBot(temp.file, 'DELETE FROM events WHERE id = 3');
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #4：编号不连续：前一条是 #2，缺少 #3（有事件被删除或重新编号）' });
    });

    it('the newest event deleted (an /undo removed)', async () => {
      behindTheBot(temp.file, 'DELETE FROM events WHERE id = 5');
      const result = await verify();
      expect(result.code).toBe(1);
      expect(result.err).toBe('账本校验失败：事件 #5：账本被截断：账本头记到 #5（共 5 条），账本只到 #4（共 4 条），最新的事件被删除');
    });

    it('renumbered ids', async () => {
      behindTheBot(temp.file, 'UPDATE events SET id = id + 10 WHERE id >= 4');
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #14：编号不连续：前一条是 #3，缺少 #4（有事件被删除或重新编号）' });
    });

    it('an event forged onto the end, correctly chained, without moving the head', async () => {
      const raw = new Sqlite(temp.file);
      const last = raw.prepare('SELECT hash FROM events WHERE id = 5').get() as { hash: string };
      const row = { camp_id: 'c', type: 'exam', userid: 'u9', num: 100, text: null, ref: 'final', actor: 't', source: 'command',
        happened_at: 1, recorded_at: 2, revokes: null, note: null, dedupe_key: null };
      raw.prepare(`INSERT INTO events (id, camp_id, type, userid, num, ref, actor, source, happened_at, recorded_at, prev_hash, hash)
        VALUES (6, 'c', 'exam', 'u9', 100, 'final', 't', 'command', 1, 2, ?, ?)`).run(last.hash, eventHash(last.hash, row));
      raw.close();
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：事件 #6：账本头只记到 #5（共 5 条）：之后的事件不是由 camp-bot 追加的' });
    });

    it('a dropped trigger', async () => {
      const raw = new Sqlite(temp.file);
      raw.exec('DROP TRIGGER events_no_delete');
      raw.close();
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_delete 被删除' });
    });

    it('a trigger redefined to do nothing', async () => {
      behindTheBot(temp.file, `
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT 1; END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`,
      { restoreTriggers: false });
      expect(await verify()).toMatchObject({ code: 1, err: '账本校验失败：events 表的只追加触发器 events_no_update 被改写' });
    });
  });

  describe('with AUDIT_SECRET, the head is signed and a rewritten head shows', () => {
    beforeEach(() => {
      appendFive(temp.file, KEY);
      process.env.AUDIT_SECRET = KEY;
    });
    const truncateAndRewriteHead = (mac: string | null): void =>
      behindTheBot(temp.file, `DELETE FROM events WHERE id = 5;
        UPDATE ledger_head SET last_id = 4, count = 4, last_hash = (SELECT hash FROM events WHERE id = 4), mac = ${mac === null ? 'NULL' : `'${mac}'`};`);

    it('passes and says the signature holds', async () => {
      expect(await verify()).toEqual({ code: 0, out: '账本完整：5 条事件的哈希链全部校验通过（账本头签名有效）', err: '' });
    });

    it('the newest event deleted and the head rewritten without the key', async () => {
      const raw = new Sqlite(temp.file, { readonly: true });
      const hash4 = (raw.prepare('SELECT hash FROM events WHERE id = 4').get() as { hash: string }).hash;
      raw.close();
      const guessed = createHmac('sha256', 'not-the-audit-secret').update(`camp-bot ledger head\n4\n${hash4}\n4`).digest('hex');
      truncateAndRewriteHead(guessed);
      expect(await verify()).toEqual({ code: 1, out: '', err: '账本校验失败：账本头签名不符：账本头被改写，或 AUDIT_SECRET 与签名时不同' });
    });

    it('the head stripped of its signature', async () => {
      truncateAndRewriteHead(null);
      expect((await verify()).err).toBe('账本校验失败：账本头未签名：设置 AUDIT_SECRET 后运行 camp-bot migrate 或启动 serve 为它签名');
    });

    it('without the key the same rewrite cannot be seen, and the success line says so', async () => {
      truncateAndRewriteHead(null);
      delete process.env.AUDIT_SECRET;
      expect((await verify()).out).toContain('无法排除连同账本头一起改写的截断');
    });
  });

  describe('only reads', () => {
    it('refuses a database whose schema is not up to date, and leaves it as it was', async () => {
      createOldDatabase(temp.file, '0003_events_revokes_index', 3).close();
      const before = { bytes: readFileSync(temp.file), mtime: statSync(temp.file).mtimeMs };
      expect(await verify()).toEqual({ code: 1, out: '', err: `camp-bot: 数据库 ${temp.file} 的结构不是最新的：请先运行 camp-bot migrate` });
      expect(readFileSync(temp.file).equals(before.bytes)).toBe(true);
      expect(statSync(temp.file).mtimeMs).toBe(before.mtime);
    });

    it('writes nothing to a live database: file and WAL bytes and times unchanged, a read-only file works', async () => {
      appendFive(temp.file);
      const serve = openDatabase(temp.file); // a running server keeps its commits in the WAL
      appendEvent(serve.sqlite, { campId: 'c', type: 'exam', userid: 'u6', num: 70, ref: 'final', actor: 't', source: 'command', happenedAt: 1 }, 2);
      const wal = `${temp.file}-wal`;
      const snapshot = () => ({ db: readFileSync(temp.file), dbTime: statSync(temp.file).mtimeMs, wal: readFileSync(wal), walTime: statSync(wal).mtimeMs });
      const before = snapshot();
      expect(before.wal.length).toBeGreaterThan(0);
      chmodSync(temp.file, 0o444);
      try {
        expect(await verify()).toMatchObject({ code: 0, out: expect.stringContaining('6 条事件') });
        expect(snapshot()).toEqual(before);
      } finally {
        chmodSync(temp.file, 0o644);
        serve.close();
      }
    });

    it('names a missing database file instead of creating it', async () => {
      expect(await verify()).toEqual({ code: 1, out: '', err: expect.stringMatching(/^camp-bot: DB_FILE .* cannot be opened for reading/) });
      expect(() => statSync(temp.file)).toThrow();
    });
  });

  it('passes after an AI-bot message whose JSON carries a lone surrogate (no false tampering)', async () => {
    const camp = await startCampFixture({ dbFile: temp.file });
    let added: { note: string | null }[];
    try {
      added = (await camp.delta(() => camp.aiBot('zhang', '/score project @小刚 +5 需求\ud800分析'))).added;
    } finally {
      await camp.close();
    }
    expect(await verify()).toMatchObject({ code: 0, out: expect.stringContaining('1 条事件') });
    expect(added).toMatchObject([{ type: 'project', userid: 'gang', num: 5, note: '需求\ufffd分析' }]);
  });

  it('backs up into a database that verifies, and refuses to overwrite', async () => {
    appendFive(temp.file);
    const copy = join(temp.dir, 'copy.db');
    expect(await main(['backup', copy], captureIo())).toBe(0);
    const raw = new Sqlite(copy, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 5 });
    raw.close();
    process.env.DB_FILE = copy;
    expect((await verify()).code).toBe(0);
    const again = captureIo();
    expect(await main(['backup', copy], again)).toBe(2);
    expect(again.stderr[0]).toContain('already exists');
  });
});
