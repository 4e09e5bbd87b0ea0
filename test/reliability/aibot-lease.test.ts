import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { openStore } from '../../src/db/open-store.js';
import { type FakeAiBotServer, startFakeAiBotServer } from '../../src/fake-wecom/fake-aibot-server.js';
import { startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { CHAT_ID, sampleCampYaml } from '../support/camp-fixture.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { freshPostgresSchema } from '../support/test-store.js';
import { campBotEnv, runCli, type ServeProcess, startServe, writeRosterCsv } from './camp-bot-process.js';

const BOT = { botId: 'aibot-lease', secret: 'aibot-lease-secret' };
const HOLDING = 'aibot: holding the long-connection lease';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ask(wecom: FakeAiBotServer, from: string, text: string): Promise<unknown> {
  const { reqId, delivered } = wecom.push({ from, chatId: CHAT_ID, text });
  expect(delivered).toBe(true);
  return (await wecom.waitForReply(reqId, 5_000)).body;
}

// Needs a PostgreSQL server (TEST_DATABASE_URL, set by .ci/run).
describe.runIf(process.env.TEST_DATABASE_URL)('the AI-bot long connection with two serve processes on one PostgreSQL database', () => {
  it('is held by exactly one; killed with -9, the other takes it over and answers', async () => {
    const { url, drop } = await freshPostgresSchema();
    cleanups.push(drop);
    const temp = tempDbFile();
    cleanups.push(temp.cleanup);
    const api = await startFakeWeComApi();
    cleanups.push(() => api.close());
    const wecom = await startFakeAiBotServer(BOT);
    cleanups.push(() => wecom.close());
    const env = {
      ...campBotEnv(join(temp.dir, 'never.db'), api.baseUrl), DATABASE_URL: url,
      WECOM_AIBOT_ID: BOT.botId, WECOM_AIBOT_SECRET: BOT.secret, WECOM_AIBOT_WS_URL: wecom.url,
    };
    const campFile = join(temp.dir, 'camp.yaml');
    writeFileSync(campFile, sampleCampYaml(Date.now()));
    expect((await runCli(['camp', 'apply', campFile], env)).code).toBe(0);
    expect((await runCli(['roster', 'import', 'ai-test', writeRosterCsv(temp.dir)], env)).code).toBe(0);
    const servers = await Promise.all([startServe(env), startServe(env)]);
    for (const server of servers) cleanups.push(() => server.child.exitCode === null && server.child.signalCode === null && server.kill9());

    await wecom.waitForSubscriptions(1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(wecom.subscriptions).toHaveLength(1);
    expect(wecom.openConnections).toBe(1);
    const holders = servers.filter((server) => server.log().includes(HOLDING));
    expect(holders).toHaveLength(1);
    const [holder, other] = holders[0] === servers[0] ? servers : [servers[1]!, servers[0]!] as [ServeProcess, ServeProcess];
    expect(await ask(wecom, 'zhang', '/session open 第1课')).toMatchObject({ stream: { content: expect.stringMatching(/^课次「第1课」已开始/) } });

    await holder!.kill9();
    // The dead holder's lease lapses (30 s after its last renewal); the other asks every 10 s.
    await wecom.waitForSubscriptions(2, 60_000);
    expect(other!.log()).toContain(HOLDING);
    expect(await ask(wecom, 'ming', '/签到')).toMatchObject({ stream: { content: expect.stringContaining('第1课') } });
    const store: Store = await openStore({ databaseUrl: url, dbFile: ':memory:', maxConnections: 1 });
    cleanups.push(() => store.close());
    expect(await listEvents(store, { type: 'checkin' })).toMatchObject([{ userid: 'ming', ref: '第1课' }]);
  });
});
