import { Agent, request } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageHandler } from '../../src/app/handle-message.js';
import { createRespond } from '../../src/app/respond.js';
import { createCallbackServer, listen } from '../../src/bot/callback-server.js';
import type { Channel } from '../../src/bot/inbound-message.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { importRoster } from '../../src/db/roster-store.js';
import { APP_KEYS, BOT_KEYS, CAMP_ID, CHAT_ID, CORP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { buildCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { openTestStore } from '../support/test-store.js';
import { buildFuzzCases, type FuzzCase } from './fuzz-cases.js';
import { processedMessageCount } from './processed-message-count.js';

const CASES = 10_400;
const CONCURRENCY = 50;
const SEED = 20_261_127;
const SETTINGS = { certSecret: null, publicBaseUrl: 'http://localhost:3000' };

let store: Store;
let server: Server;
let baseUrl: string;
const logs: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const keysOf = (channel: Channel) => (channel === 'app' ? APP_KEYS : BOT_KEYS);

beforeAll(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile(sampleCampYaml()), Date.now());
  await importRoster(store, CAMP_ID, ROSTER);
  const app = createCallbackServer({
    config: { corpId: CORP_ID, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, botToken: BOT_KEYS.token, botEncodingAesKey: BOT_KEYS.encodingAesKey, replayWindowS: 300 },
    handle: createMessageHandler({ store, respond: createRespond({ settings: SETTINGS, log: (line) => logs.push(line) }) }),
    isReady: () => true,
    log: (line) => logs.push(line),
  });
  ({ server } = await listen(app, 0));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

/** Sends one request; a connection the server closed (413 answers close it) is a status of its own, not a crash. */
function send(fuzz: FuzzCase): Promise<{ status: number; body: string }> {
  const url = new URL(`${fuzz.path}${fuzz.query ? `?${fuzz.query}` : ''}`, baseUrl);
  return new Promise((resolve) => {
    const req = request(url, { method: fuzz.method, agent, headers: fuzz.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
    });
    req.on('error', (error) => resolve({ status: -1, body: error.message }));
    req.end(fuzz.body);
  });
}

async function sendAll(cases: FuzzCase[]): Promise<{ fuzz: FuzzCase; status: number; body: string }[]> {
  const results: { fuzz: FuzzCase; status: number; body: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const fuzz = cases[next++]!;
      results.push({ fuzz, ...(await send(fuzz)) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('fuzzed callbacks', () => {
  it(`${CASES} random and mutated requests to both endpoints: only 4xx, nothing recorded, still serving`, { timeout: 120_000 }, async () => {
    const cases = buildFuzzCases(CASES, SEED, keysOf);
    const results = await sendAll(cases);

    expect(results).toHaveLength(CASES);
    const unexpected = results.filter((r) => r.status < 400 || r.status > 499);
    expect(unexpected.map((r) => `${r.fuzz.kind}: ${r.status} ${r.body.slice(0, 120)}`)).toEqual([]);
    expect(results.filter((r) => /at .*\.[jt]s:\d|Error:/.test(r.body)).map((r) => r.fuzz.kind)).toEqual([]);
    const kinds = new Set(results.map((r) => r.fuzz.kind));
    expect(kinds.size).toBe(14);
    expect(await processedMessageCount(store)).toBe(0);
    expect(await listEvents(store)).toEqual([]);
    expect(logs.filter((line) => / 5\d\d: |late handler failed/.test(line))).toEqual([]);

    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('afterwards, genuine callbacks on both endpoints are still processed and recorded', async () => {
    const chat = { from: 'ming', text: '@训练营助手 我觉得这节课的方法很有用，值得在团队里推广', chatId: CHAT_ID };
    const genuine = [buildCallback('app', APP_KEYS, { from: 'ming', text: '/me' }), buildCallback('group-robot', BOT_KEYS, chat)];
    for (const callback of genuine) {
      const answer = await send({ kind: 'genuine', method: 'POST', path: callback.path, query: callback.query, body: callback.body, headers: { 'content-type': callback.contentType } });
      expect(answer.status).toBe(200);
    }
    expect(await processedMessageCount(store)).toBe(2);
    expect((await listEvents(store)).map(({ type, userid }) => ({ type, userid }))).toEqual([{ type: 'participation', userid: 'ming' }]);
  });
});
