import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient, type WeComClientOptions } from '../../src/bot/wecom-client.js';
import { WeComApiError, WeComNetworkError } from '../../src/errors.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';

let api: FakeWeComApi;
let sleeps: number[];
let logs: string[];

beforeEach(async () => {
  api = await startFakeWeComApi();
  sleeps = [];
  logs = [];
});
afterEach(() => api.close());

function client(overrides: Partial<WeComClientOptions> = {}) {
  return createWeComClient({
    apiBase: api.baseUrl,
    corpId: 'ww-corp',
    agentId: '1000002',
    secret: 's',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    log: (line) => logs.push(line),
    ...overrides,
  });
}
const hello = { touser: ['zhangsan'], msgtype: 'text', content: '你好' } as const;
const sendCalls = () => api.calls.filter((c) => c.api === 'message/send');

describe('createWeComClient: retries', () => {
  it('retries errcode -1 and HTTP 500 with exponential backoff until delivered', async () => {
    api.failNext('message/send', { errcode: -1, times: 2 });
    api.failNext('message/send', { status: 500 });
    await client().sendMessage(hello);
    expect(sendCalls().map((c) => [c.status, c.errcode])).toEqual([
      [200, -1],
      [200, -1],
      [500, null],
      [200, 0],
    ]);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(logs).toHaveLength(3);
  });

  it('adds jitter of up to one base delay and caps the delay', async () => {
    api.failNext('message/send', { status: 502, times: 3 });
    await client({ random: () => 0.5, retry: { baseMs: 400, capMs: 1000 } }).sendMessage(hello);
    // 400·2^(n−1) + 0.5·400, capped at 1000
    expect(sleeps).toEqual([600, 1000, 1000]);
  });

  it('gives up after maxAttempts with WeComNetworkError carrying the status', async () => {
    api.failNext('message/send', { status: 503, times: 10 });
    const error = await client({ maxAttempts: 3 }).sendMessage(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComNetworkError);
    expect((error as WeComNetworkError).status).toBe(503);
    expect(sendCalls()).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('turns a lasting errcode -1 into WeComNetworkError', async () => {
    api.failNext('message/send', { errcode: -1, times: 10 });
    await expect(client({ maxAttempts: 2 }).sendMessage(hello)).rejects.toBeInstanceOf(WeComNetworkError);
    expect(sendCalls()).toHaveLength(2);
  });

  it('does not retry an HTTP 4xx other than 429', async () => {
    api.failNext('message/send', { status: 403 });
    await expect(client().sendMessage(hello)).rejects.toMatchObject({ name: 'WeComNetworkError', status: 403 });
    expect(sendCalls()).toHaveLength(1);
  });

  it('retries a dropped connection', async () => {
    api.failNext('message/send', { reset: true });
    await client().sendMessage(hello);
    expect(sendCalls().map((c) => c.status)).toEqual([0, 200]);
    expect(sleeps).toEqual([500]);
  });

  it('retries an answer slower than the timeout', async () => {
    api.failNext('message/send', { delayMs: 500 });
    await client({ timeoutMs: 100 }).sendMessage(hello);
    expect(sendCalls()).toHaveLength(2);
    expect(sleeps).toEqual([500]);
    expect(logs[0]).toMatch(/timeout/i);
  });

  it('survives an outage: server down, then back on the same port with fresh tokens', async () => {
    const port = Number(new URL(api.baseUrl).port);
    let down = 0;
    const wecom = client({
      sleep: async (ms) => {
        sleeps.push(ms);
        if (++down === 2) api = await startFakeWeComApi({ port });
      },
    });
    await wecom.getToken();
    await api.close();
    await wecom.sendMessage(hello);
    // two failed attempts while down; the restarted server knows no token (40014) → one refresh, then delivered
    expect(sleeps).toEqual([500, 1000]);
    expect(sendCalls().map((c) => [c.query.access_token, c.errcode])).toEqual([
      ['tok-1', 40014],
      ['tok-1', 0],
    ]);
  });

  it('times out a token fetch too', async () => {
    api.failNext('gettoken', { delayMs: 400 });
    // the retry is answered first (tok-1); the abandoned slow answer issues tok-2 later
    expect(await client({ timeoutMs: 100 }).getToken()).toBe('tok-1');
    expect(api.calls.filter((c) => c.api === 'gettoken')).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it('never logs the secret, a token or a webhook key', async () => {
    api.failNext('message/send', { status: 500 });
    api.failNext('webhook/send', { reset: true });
    const wecom = client({ secret: 'very-secret' });
    await wecom.sendMessage(hello);
    await wecom.webhookSend(api.webhookUrl('hook-key-xyz'), { msgtype: 'text', content: 'hi' });
    expect(logs).toHaveLength(2);
    expect(logs.join('\n')).not.toMatch(/very-secret|tok-|hook-key-xyz|access_token/);
  });
});

describe('createWeComClient: frequency limits (45009/45033)', () => {
  it('backs off longer, halves the member pace, then delivers', async () => {
    let clock = 0;
    const wecom = client({
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    api.failNext('message/send', { errcode: 45009 });
    await wecom.sendMessage(hello); // paced at t=0, 45009, waits 5 s, delivered
    for (let i = 0; i < 14; i++) await wecom.sendMessage(hello); // 15 in the window: the halved limit
    expect(sleeps).toEqual([5000]);
    await wecom.sendMessage(hello); // 16th waits until the t=0 send leaves the window
    expect(sleeps).toEqual([5000, 55_000]);
    expect(clock).toBe(60_000);
    expect(api.delivered('message/send')).toHaveLength(16);
    expect(logs[0]).toContain('45009');
  });

  it('gives up with WeComApiError 45033 and its hint when the limit lasts', async () => {
    api.failNext('message/send', { errcode: 45033, times: 10 });
    const error = await client({ maxAttempts: 3 }).sendMessage(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect((error as WeComApiError).hint).toContain('放慢');
    expect(sleeps).toEqual([5000, 10_000]);
  });
});
