import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCampBot, type RunningCampBot, type StartOptions } from '../../src/app/create-app.js';
import { AIBOT_LEASE } from '../../src/app/start-aibot.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { main } from '../../src/cli/main.js';
import { readConfig } from '../../src/config.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { leaseHolder } from '../../src/db/lease-store.js';
import { listEvents } from '../../src/db/list-events.js';
import { importRoster } from '../../src/db/roster-store.js';
import { type FakeAiBotServer, startFakeAiBotServer } from '../../src/fake-wecom/fake-aibot-server.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { APP_KEYS, BOT_KEYS, CAMP_ID, CHAT_ID, CORP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { captureIo } from '../support/capture-io.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { freshPostgresSchema, testEngine } from '../support/test-store.js';

const BOT = { botId: 'aibot-camp', secret: 'aibot-secret' };

let wecom: FakeAiBotServer;
let api: FakeWeComApi;
let env: Record<string, string>;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeEach(async () => {
  wecom = await startFakeAiBotServer(BOT);
  api = await startFakeWeComApi();
  const temp = tempDbFile();
  const schema = testEngine() === 'postgres' ? await freshPostgresSchema() : null;
  cleanups.push(() => wecom.close(), () => api.close(), temp.cleanup, () => schema?.drop());
  env = {
    HOST: '127.0.0.1', PORT: '0', DB_FILE: temp.file, ...(schema ? { DATABASE_URL: schema.url } : {}),
    WECOM_CORP_ID: CORP_ID, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's', WECOM_TOKEN: APP_KEYS.token,
    WECOM_ENCODING_AES_KEY: APP_KEYS.encodingAesKey, WECOM_BOT_TOKEN: BOT_KEYS.token, WECOM_BOT_ENCODING_AES_KEY: BOT_KEYS.encodingAesKey,
    WECOM_API_BASE: api.baseUrl, WECOM_AIBOT_ID: BOT.botId, WECOM_AIBOT_SECRET: BOT.secret, WECOM_AIBOT_WS_URL: wecom.url,
  };
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: StartOptions = {}): Promise<RunningCampBot> {
  const bot = await startCampBot(readConfig(env), { log: () => {}, schedules: false, ...options });
  cleanups.push(() => bot.close());
  return bot;
}

async function withCamp(bot: RunningCampBot): Promise<void> {
  await saveCamp(bot.store, parseCampFile(sampleCampYaml()), Date.now());
  await importRoster(bot.store, CAMP_ID, ROSTER);
}

const contentOf = (body: unknown): string => (body as { stream: { content: string } }).stream.content;

async function until(done: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`serve's AI-bot long connection, end to end with the real pipeline and store (${testEngine()})`, () => {
  it('subscribes at start, answers commands on their req_id, records a repeated msgid once, and re-subscribes after a drop', async () => {
    const started = Date.now();
    const bot = await serve();
    await withCamp(bot);
    await wecom.waitForSubscriptions(1, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(wecom.subscriptions[0]).toMatchObject({ botId: BOT.botId, errcode: 0 });

    const open = wecom.push({ from: 'zhang', chatId: CHAT_ID, text: '@训练营助手 /session open 第1课' });
    expect(contentOf((await wecom.waitForReply(open.reqId, 5_000)).body)).toMatch(/^课次「第1课」已开始/);
    const first = wecom.push({ from: 'ming', chatId: CHAT_ID, text: '/签到', msgId: 'ws-dup-1' });
    const again = wecom.push({ from: 'ming', chatId: CHAT_ID, text: '/签到', msgId: 'ws-dup-1' });
    const replies = await Promise.all([wecom.waitForReply(first.reqId, 5_000), wecom.waitForReply(again.reqId, 5_000)]);
    expect(replies.map((reply) => reply.reqId)).toEqual([first.reqId, again.reqId]);
    expect(contentOf(replies[1]!.body)).toBe(contentOf(replies[0]!.body));
    const checkins = await listEvents(bot.store, { campId: CAMP_ID, type: 'checkin' });
    expect(checkins).toMatchObject([{ userid: 'ming', ref: '第1课', source: 'command' }]);
    expect(contentOf(replies[0]!.body)).toContain(`#${checkins[0]!.id}`);

    // Plain group chat counts as participation and gets no answer.
    const chat = wecom.push({ from: 'hong', chatId: CHAT_ID, text: '@训练营助手 今天的内容很有收获' });
    await until(async () => (await listEvents(bot.store, { campId: CAMP_ID, type: 'participation' })).length === 1);
    expect(wecom.replies.filter((reply) => reply.reqId === chat.reqId)).toEqual([]);

    wecom.drop();
    await wecom.waitForSubscriptions(2, 15_000);
    const after = wecom.push({ from: 'gang', chatId: CHAT_ID, text: '/签到' });
    expect(contentOf((await wecom.waitForReply(after.reqId, 5_000)).body)).toContain('第1课');
    expect(await listEvents(bot.store, { campId: CAMP_ID, type: 'checkin' })).toHaveLength(2);
  });

  it('is held by one instance through the lease in the store; when it stops, the other takes over', async () => {
    const timings = { aibotTimings: { leaseMs: 100 } };
    const a = await serve(timings);
    await withCamp(a);
    await wecom.waitForSubscriptions(1);
    const b = await serve(timings);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([a.aibot?.holder, b.aibot?.holder]).toEqual([true, false]);
    expect(wecom.subscriptions).toHaveLength(1);
    expect(wecom.openConnections).toBe(1);
    expect(await leaseHolder(b.store, AIBOT_LEASE)).toMatchObject({ holder: expect.stringContaining(`:${process.pid}:`) });

    await a.close();
    await wecom.waitForSubscriptions(2);
    await until(() => b.aibot?.subscribed === true);
    const { reqId } = wecom.push({ from: 'ming', chatId: CHAT_ID, text: '/我的' });
    expect(contentOf((await wecom.waitForReply(reqId, 5_000)).body)).toContain('小明');
  });

  it('is never opened by a CLI command, even with the keys set', async () => {
    Object.assign(process.env, env);
    cleanups.push(() => {
      for (const key of Object.keys(env)) delete process.env[key];
    });
    const bot = await serve({ aibotTimings: { leaseMs: 100 } });
    await withCamp(bot);
    await bot.close();
    const subscriptions = wecom.subscriptions.length;
    const io = captureIo();
    expect(await main(['events', 'list', CAMP_ID, '--json'], io)).toBe(0);
    expect(await main(['sources', 'sync', CAMP_ID], captureIo())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wecom.subscriptions).toHaveLength(subscriptions);
    expect(wecom.openConnections).toBe(0);
  });
});
