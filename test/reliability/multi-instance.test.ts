import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { openStore } from '../../src/db/open-store.js';
import { outboxCounts } from '../../src/db/outbox-store.js';
import { currentPublication } from '../../src/db/publication-store.js';
import { APP_KEYS, BOT_KEYS, BOT_NAME, CHAT_ID, sampleCampYaml } from '../support/camp-fixture.js';
import { buildCallback, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { type FakeWeComApi, startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { freshPostgresSchema } from '../support/test-store.js';
import { isPreview, loadCallback, startLoad } from './callback-load.js';
import { campBotEnv, runCli, type ServeProcess, startServe, writeRosterCsv } from './camp-bot-process.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Cluster {
  env: NodeJS.ProcessEnv;
  store: Store;
  api: FakeWeComApi;
  a: ServeProcess;
  b: ServeProcess;
}

/** Two `camp-bot serve` processes on one fresh PostgreSQL schema, with the sample camp and assignment `a1`. */
async function cluster(campExtra = ''): Promise<Cluster> {
  const { url, drop } = await freshPostgresSchema();
  cleanups.push(drop);
  const temp = tempDbFile();
  cleanups.push(temp.cleanup);
  const api = await startFakeWeComApi();
  cleanups.push(() => api.close());
  // DB_FILE points at a file that must never appear: with DATABASE_URL, SQLite is not touched.
  const env = { ...campBotEnv(join(temp.dir, 'never.db'), api.baseUrl), DATABASE_URL: url };
  const campFile = join(temp.dir, 'camp.yaml');
  writeFileSync(campFile, sampleCampYaml(Date.now(), campExtra));
  expect((await runCli(['camp', 'apply', campFile], env)).code).toBe(0);
  expect((await runCli(['roster', 'import', 'ai-test', writeRosterCsv(temp.dir)], env)).code).toBe(0);
  const [a, b] = await Promise.all([startServe(env), startServe(env)]);
  for (const server of [a, b]) cleanups.push(() => server.child.exitCode === null && server.child.signalCode === null && server.kill9());
  const store = await openStore({ databaseUrl: url, dbFile: ':memory:', maxConnections: 2 });
  cleanups.push(() => store.close());
  expect((await postCallback(a.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhang', text: '/assign a1 作业一' }))).status).toBe(200);
  expect(existsSync(join(temp.dir, 'never.db'))).toBe(false);
  return { env, store, api, a, b };
}

/** How many `submission` events name each MsgId (the load's submissions carry `作业-<MsgId>`). */
async function submissionsPerMsgId(store: Store): Promise<Map<string, number>> {
  const perMsgId = new Map<string, number>();
  for (const event of await listEvents(store, { type: 'submission' })) {
    const msgId = /作业-(\d+)/.exec(event.text ?? '')?.[1] ?? 'none';
    perMsgId.set(msgId, (perMsgId.get(msgId) ?? 0) + 1);
  }
  return perMsgId;
}

// Needs a PostgreSQL server (TEST_DATABASE_URL, set by .ci/run).
describe.runIf(process.env.TEST_DATABASE_URL)('several serve processes on one PostgreSQL database', () => {
  it('records a message once when WeCom retries it on both instances at the same moment', async () => {
    const { store, a, b, env } = await cluster();
    const base = 7_000_000_000;
    for (let n = 0; n < 40; n += 1) {
      if (isPreview(n)) continue;
      const request = loadCallback(n, base);
      const answers = await Promise.all([postCallback(a.baseUrl, request), postCallback(b.baseUrl, request), postCallback(a.baseUrl, request)]);
      // A duplicate may be told to come back later; WeCom's next retry then gets the stored answer.
      if (!answers.some((answer) => answer.status === 200)) expect((await postCallback(b.baseUrl, request)).status).toBe(200);
    }
    const perMsgId = await submissionsPerMsgId(store);
    expect(perMsgId.size).toBe(39);
    expect([...perMsgId.values()].every((count) => count === 1)).toBe(true);
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stderr).toBe(0);
  });

  it('keeps serving on the other instance after one is killed with -9 under load, losing nothing acknowledged', async () => {
    const { store, a, b, env } = await cluster();
    const base = 8_000_000_000;
    const loadA = startLoad(a.baseUrl, 20, base);
    const loadB = startLoad(b.baseUrl, 20, base + 1_000_000);
    while (loadA.acked() < 200) await new Promise((resolve) => setTimeout(resolve, 50));
    await a.kill9();
    const lostOnA = await loadA.done;
    while (loadB.acked() < 400) await new Promise((resolve) => setTimeout(resolve, 50));
    loadB.stop();
    const onB = await loadB.done;
    // What A never answered, WeCom retries (here: on B); acknowledged ones come back with their stored answer.
    for (let n = 0; n < 260; n += 1) {
      const response = await postCallback(b.baseUrl, loadCallback(n, base));
      expect(response.status).toBe(200);
    }
    const perMsgId = await submissionsPerMsgId(store);
    const acked = [...lostOnA.acked, ...onB.acked].filter((msgId) => !isPreview(Number(msgId) % 1_000_000));
    expect(acked.filter((msgId) => perMsgId.get(msgId) !== 1)).toEqual([]);
    expect([...perMsgId.values()].filter((count) => count !== 1)).toEqual([]);
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.code, audit.stderr).toBe(0);
  });

  it('publishes once when trainers publish on both instances at once, with one notice per winner', async () => {
    const { store, a, b, api } = await cluster();
    const webhookUrl = `${api.baseUrl}/cgi-bin/webhook/send?key=GROUP`;
    for (const [who, score] of [['ming', 90], ['hong', 80], ['gang', 70], ['li', 60]] as const) {
      const text = `@${BOT_NAME} /score exam ${who} ${score}`;
      await postCallback(a.baseUrl, buildCallback('group-robot', BOT_KEYS, { from: 'zhang', text, chatId: CHAT_ID, webhookUrl }));
    }
    const publish = (target: ServeProcess, msgId: string) =>
      postCallback(target.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhang', text: '/awards publish', msgId }));
    const answers = await Promise.all([publish(a, '9000000001'), publish(b, '9000000002')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const publication = await currentPublication(store, 'ai-test');
    expect(publication).not.toBeNull();
    expect(publication!.result.supersedes).toBeNull();
    const winners = publication!.result.winners.length;
    expect(winners).toBeGreaterThan(0);
    const cards = (): number => api.delivered('message/send').filter((call) => (call.body as { msgtype?: string } | null)?.msgtype === 'textcard').length;
    const started = Date.now();
    while (cards() < winners && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
    // Per winner one card (and one certificate): the outbox rows carry the one publication's id, and each is sent once.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(cards()).toBe(winners);
    expect(api.delivered('webhook/send')).toHaveLength(1);
    const { failed } = await outboxCounts(store, 'ai-test');
    expect(failed).toBe(0);
  });
});
