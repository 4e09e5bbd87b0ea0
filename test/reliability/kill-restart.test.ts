import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/db/list-events.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { checkMessage } from '../../src/db/processed-messages.js';
import { openSqliteStore } from '../../src/db/sqlite/open-sqlite-store.js';
import { APP_KEYS, sampleCampYaml } from '../support/camp-fixture.js';
import { buildCallback, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { type FakeWeComApi, startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { isPreview, loadCallback, startLoad } from './callback-load.js';
import { campBotEnv, runCli, type ServeProcess, startServe, writeRosterCsv } from './camp-bot-process.js';

const MSG_ID_BASE = 5_000_000_000;
const LEASE_MS = 301_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A temp database with the sample camp and roster applied through the CLI, and assignment `a1` set by the trainer. */
async function preparedCamp(apiBase: string): Promise<{ dir: string; env: NodeJS.ProcessEnv; file: string }> {
  const temp = tempDbFile();
  cleanups.push(temp.cleanup);
  const env = campBotEnv(temp.file, apiBase);
  const campFile = join(temp.dir, 'camp.yaml');
  writeFileSync(campFile, sampleCampYaml());
  expect((await runCli(['camp', 'apply', campFile], env)).code).toBe(0);
  expect((await runCli(['roster', 'import', 'ai-test', writeRosterCsv(temp.dir)], env)).code).toBe(0);
  return { dir: temp.dir, env, file: temp.file };
}

async function serve(env: NodeJS.ProcessEnv, clockShiftMs = 0): Promise<ServeProcess> {
  const server = await startServe(env, clockShiftMs);
  cleanups.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) await server.kill9();
  });
  return server;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await delay(200);
  }
}

async function untilAcked(count: () => number, atLeast: number): Promise<void> {
  await until(() => count() >= atLeast, 60_000);
}

describe('kill -9 under load', () => {
  it('every acknowledged message is in the ledger exactly once, the chain verifies and the outbox is delivered', async () => {
    // While the first process runs, the WeCom API is down: outbound messages pile up in the outbox.
    const { env, file } = await preparedCamp('http://127.0.0.1:9');
    const first = await serve(env);
    expect((await postCallback(first.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhang', text: '/assign a1 作业一' }))).status).toBe(200);

    const load = startLoad(first.baseUrl, 40, MSG_ID_BASE);
    await untilAcked(load.acked, 400);
    await first.kill9();
    const { acked } = await load.done;

    const api: FakeWeComApi = await startFakeWeComApi();
    cleanups.push(() => api.close());
    // The restart comes "after" the outbox lease (300 s) of rows the killed process had claimed, so they are due again.
    const second = await serve({ ...env, WECOM_API_BASE: api.baseUrl }, LEASE_MS);
    // WeCom retries what it saw no answer for; a retry of an acknowledged message records nothing new.
    for (const n of [0, 1, 2, 24]) {
      const retry = await postCallback(second.baseUrl, loadCallback(n, MSG_ID_BASE, Date.now() + LEASE_MS));
      expect(retry.status).toBe(200);
    }

    const store = openSqliteStore(file, { readOnly: true });
    cleanups.push(() => store.close());
    const submissions = await listEvents(store, { type: 'submission' });
    const perMsgId = new Map<string, number>();
    for (const { text } of submissions) {
      const msgId = /作业-(\d+)/.exec(text ?? '')?.[1] ?? 'none';
      perMsgId.set(msgId, (perMsgId.get(msgId) ?? 0) + 1);
    }
    expect(acked.length).toBeGreaterThanOrEqual(400);
    const keyOf = (msgId: string): string => `${isPreview(Number(msgId) - MSG_ID_BASE) ? 'group-robot' : 'app'}:${msgId}`;
    const unprocessed: string[] = [];
    for (const msgId of acked) if ((await checkMessage(store, keyOf(msgId))).kind !== 'done') unprocessed.push(msgId);
    expect(unprocessed).toEqual([]);
    const ackedSubmissions = acked.filter((msgId) => !isPreview(Number(msgId) - MSG_ID_BASE));
    expect(ackedSubmissions.filter((msgId) => perMsgId.get(msgId) !== 1)).toEqual([]);
    expect([...perMsgId.values()].filter((count) => count !== 1)).toEqual([]);

    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);

    // Schedules may queue their own posts; the previews are the ones this load caused.
    const previews = async (status?: string): Promise<number> => (await listOutbox(store))
      .filter((row) => row.dedupeKey?.startsWith('awards-preview:') && (status === undefined || row.status === status)).length;
    const queued = await previews();
    expect(queued).toBeGreaterThanOrEqual(acked.filter((msgId) => isPreview(Number(msgId) - MSG_ID_BASE)).length);
    expect(queued).toBeGreaterThan(10);
    await until(async () => (await previews('sent')) === queued, 90_000);
    expect(api.delivered('message/send').filter((call) => call.touser.includes('zhang'))).toHaveLength(queued);
    expect(await second.stop()).toBe(0);
  });
});
