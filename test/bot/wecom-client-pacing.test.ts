import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { createPacer } from '../../src/bot/wecom-pacer.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';

let api: FakeWeComApi;
let clock: number;
let sleeps: number[];
/** Virtual time at which each message/send or webhook/send left the client. */
let sentAt: { path: string; t: number }[];

beforeEach(async () => {
  api = await startFakeWeComApi();
  clock = 0;
  sleeps = [];
  sentAt = [];
});
afterEach(() => api.close());

const sleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
  clock += ms;
};

function client() {
  return createWeComClient({
    apiBase: api.baseUrl,
    corpId: 'ww-corp',
    agentId: '1',
    secret: 's',
    now: () => clock,
    sleep,
    random: () => 0,
    log: () => {},
    fetch: (input, init) => {
      const path = new URL(String(input)).pathname;
      if (!path.endsWith('gettoken')) sentAt.push({ path, t: clock });
      return fetch(input, init);
    },
  });
}
const text = (...touser: string[]) => ({ touser, msgtype: 'text', content: '加油' }) as const;

describe('createWeComClient: pacing', () => {
  it('sends 30 messages a minute to one member, then waits; other members are not held up', async () => {
    const wecom = client();
    for (let i = 0; i < 30; i++) await wecom.sendMessage(text('zhangsan'));
    await wecom.sendMessage(text('lisi'));
    expect(sleeps).toEqual([]);
    await wecom.sendMessage(text('zhangsan'));
    expect(sleeps).toEqual([60_000]);
    expect(sentAt.at(-1)).toEqual({ path: '/cgi-bin/message/send', t: 60_000 });
    expect(api.delivered('message/send')).toHaveLength(32);
  });

  it('counts every part of a split message and waits for the busiest recipient', async () => {
    const wecom = client();
    await wecom.sendMessage({ touser: ['zhangsan'], msgtype: 'text', content: '长'.repeat(683 * 29) }); // 30 parts
    clock = 10_000;
    await wecom.sendMessage(text('lisi', 'zhangsan'));
    expect(sleeps).toEqual([50_000]);
    expect(api.delivered('message/send')).toHaveLength(31);
  });

  it('sends 20 messages a minute per group robot webhook', async () => {
    const wecom = client();
    for (let i = 0; i < 20; i++) await wecom.webhookSend(api.webhookUrl('a'), { msgtype: 'text', content: `${i}` });
    clock = 1_000;
    await wecom.webhookSend(api.webhookUrl('b'), { msgtype: 'text', content: 'other robot' });
    expect(sleeps).toEqual([]);
    await wecom.webhookSend(api.webhookUrl('a'), { msgtype: 'text', content: '21st' });
    expect(sleeps).toEqual([59_000]);
    expect(api.delivered('webhook/send')).toHaveLength(22);
  });
});

describe('createPacer', () => {
  it('halves the allowance per slowdown, down to 1, and restores it after a quiet window', () => {
    const pacer = createPacer({ limit: 30, windowMs: 60_000, now: () => clock, sleep });
    const limits = [pacer.currentLimit()];
    for (let i = 0; i < 6; i++) {
      pacer.slowDown();
      limits.push(pacer.currentLimit());
    }
    expect(limits).toEqual([30, 15, 7, 3, 1, 1, 1]);
    clock = 59_999;
    expect(pacer.currentLimit()).toBe(1);
    clock = 60_000;
    expect(pacer.currentLimit()).toBe(30);
  });

  it('holds back only the concurrent caller over the limit', async () => {
    const pacer = createPacer({ limit: 2, windowMs: 1_000, now: () => clock, sleep });
    const order: string[] = [];
    const acquire = async (name: string) => {
      await pacer.acquire('k');
      order.push(name);
    };
    await Promise.all([acquire('a'), acquire('b'), acquire('c'), pacer.acquire('other')]);
    expect(sleeps).toEqual([1_000]);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
