import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { appendEvent } from '../../src/db/ledger.js';
import { checkMessage, markProcessed } from '../../src/db/processed-messages.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/camp-bot.js', import.meta.url));
const EXAMPLE = parse(readFileSync(new URL('../../.env.example', import.meta.url)));

/** Runs `camp-bot serve` with `env`; resolves with the port it listens on, or the exit code and stderr if it stops. */
function serve(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  let stderr = '';
  const started = new Promise<{ port: number } | { code: number; stderr: string }>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr)?.[1];
      if (port) resolve({ port: Number(port) });
    });
    child.once('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
  const stopped = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  return { child, started, stopped, stderr: () => stderr };
}

describe(`camp-bot serve (${testEngine()})`, () => {
  let db: SharedTestDb;
  /** Where the server keeps its data: the test's SQLite file, or its PostgreSQL schema. */
  let database: NodeJS.ProcessEnv;
  beforeEach(async () => {
    db = await sharedTestDb();
    database = { DB_FILE: db.file, ...(db.url ? { DATABASE_URL: db.url } : {}) };
  });
  afterEach(() => db.cleanup());

  it('starts with the .env.example values, answers /healthz and stops cleanly on SIGTERM', async () => {
    const run = serve({ ...EXAMPLE, HOST: '127.0.0.1', PORT: '0', ...database });
    const started = await run.started;
    expect(started).toHaveProperty('port');
    const response = await fetch(`http://127.0.0.1:${(started as { port: number }).port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    run.child.kill('SIGTERM');
    expect(await run.stopped).toBe(0);
    expect(run.stderr()).not.toContain(EXAMPLE.WECOM_SECRET!);
  });

  it('stops at start-up with one line naming a missing key', async () => {
    const run = serve({ ...EXAMPLE, WECOM_CORP_ID: '', PORT: '0', ...database });
    expect(await run.started).toEqual({ code: 1, stderr: 'camp-bot: WECOM_CORP_ID is required (see .env.example)\n' });
  });

  it('stops at start-up naming a malformed key', async () => {
    const run = serve({ ...EXAMPLE, WECOM_ENCODING_AES_KEY: 'short', PORT: '0', ...database });
    expect(await run.started).toEqual({ code: 1, stderr: expect.stringMatching(/^camp-bot: WECOM_ENCODING_AES_KEY must be .*\n$/) });
  });

  it('signs an unsigned ledger head at start-up with AUDIT_SECRET, and never logs the key', async () => {
    const key = 'audit-secret-for-tests-0123456789';
    const store = await db.open(); // events recorded before the key was set
    await appendEvent(store, { campId: 'c', type: 'exam', userid: 'u1', num: 80, actor: 't', source: 'command', happenedAt: 1 }, 2);
    await store.close();
    const run = serve({ ...EXAMPLE, HOST: '127.0.0.1', PORT: '0', ...database, AUDIT_SECRET: key });
    const started = await run.started;
    expect(started).toHaveProperty('port');
    expect(run.stderr()).toContain('ledger: the head was unsigned and is now signed with AUDIT_SECRET');
    expect((await fetch(`http://127.0.0.1:${(started as { port: number }).port}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.stopped).toBe(0);
    expect(run.stderr()).not.toContain(key);
    const io = captureIo();
    process.env.AUDIT_SECRET = key;
    try {
      expect(await main(['audit', 'verify'], io)).toBe(0);
    } finally {
      delete process.env.AUDIT_SECRET;
    }
    expect(io.stdout).toEqual(['账本完整：1 条事件的哈希链全部校验通过（账本头签名有效）']);
  });

  it('prunes what is past RETENTION_DAYS at start-up (processed-message keys here)', async () => {
    const DAY = 86_400_000;
    const store = await db.open();
    await markProcessed(store, 'msg-old', null, Date.now() - 40 * DAY);
    await markProcessed(store, 'msg-new', null, Date.now() - DAY);
    const run = serve({ ...EXAMPLE, HOST: '127.0.0.1', PORT: '0', ...database, RETENTION_DAYS: '30' });
    expect(await run.started).toHaveProperty('port');
    for (let waited = 0; !run.stderr().includes('retention: pruned') && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGTERM'); // possibly while start-up is still running: it finishes, then stops cleanly
    expect(await run.stopped).toBe(0);
    expect(run.stderr()).toContain('retention: pruned 1 processed-message keys, 0 sent outbox payloads');
    expect((await checkMessage(store, 'msg-old')).kind).not.toBe('done');
    expect((await checkMessage(store, 'msg-new')).kind).toBe('done');
  });
});
