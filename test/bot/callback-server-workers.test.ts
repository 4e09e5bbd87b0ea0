import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCryptoPool } from '../../src/bot/crypto-pool.js';
import type { OpenJob } from '../../src/bot/crypto-job.js';
import { CallbackRejected } from '../../src/errors.js';
import { buildCallback, type FakeCallback, openPassiveReply, postCallback, sealCallback, signCiphertext } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { OFFICIAL, officialPostBody } from './official-vectors.js';
import { APP_KEYS, BOT_KEYS, startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ cryptoWorkers: 1 });
});
afterAll(() => server.close());

const now = () => Math.floor(Date.now() / 1000);

function withQuery(callback: FakeCallback, change: (query: URLSearchParams) => void): FakeCallback {
  const query = new URLSearchParams(callback.query);
  change(query);
  return { ...callback, query: query.toString() };
}

describe('round trips with cryptoWorkers: 1', () => {
  it('app: the worker opens the callback and seals an XML text reply', async () => {
    const response = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhangsan', text: '/help', msgId: 'w1' }));
    expect(response.status).toBe(200);
    const reply = openPassiveReply('app', APP_KEYS, response.body);
    expect(reply.parsed).toMatchObject({ ToUserName: 'zhangsan', FromUserName: OFFICIAL.corpId, MsgType: 'text', Content: '帮助：/me /rank（zhangsan）' });
    expect(server.handled.at(-1)).toMatchObject({ channel: 'app', msgId: 'w1', text: '/help', chatId: null });
  });

  it('group robot: an XML markdown reply', async () => {
    const callback = buildCallback('group-robot', BOT_KEYS, { from: 'lisi', name: '李四', text: '@训练营助手 /help', msgId: 'wg1', chatId: 'wrkChat1' });
    const response = await postCallback(server.baseUrl, callback);
    expect(response.status).toBe(200);
    const reply = openPassiveReply('group-robot', BOT_KEYS, response.body);
    expect(reply.plaintext).toBe('<xml><MsgType>markdown</MsgType><Markdown><Content>**帮助** /me /rank（lisi）</Content></Markdown></xml>');
    expect(server.handled.at(-1)).toMatchObject({ channel: 'group-robot', chatId: 'wrkChat1', from: { userid: 'lisi', name: '李四' } });
  });

  it('AI bot: a JSON stream reply with finish true', async () => {
    const callback = buildCallback('ai-bot', BOT_KEYS, { from: 'wangwu', text: '@AI /help', msgId: 'wa1', chatId: 'wrkChat2', createTime: now() });
    const response = await postCallback(server.baseUrl, callback);
    expect([response.status, response.contentType]).toEqual([200, 'application/json; charset=utf-8']);
    const reply = openPassiveReply('ai-bot', BOT_KEYS, response.body);
    expect(reply.parsed).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '**帮助** /me /rank（wangwu）' } });
    expect(server.handled.at(-1)).toMatchObject({ channel: 'ai-bot', chatId: 'wrkChat2', msgId: 'wa1' });
  });

  it('the injected clock still decides the replay window (the 2014 sample passes at a 2014 clock)', async () => {
    const old = await startTestServer({ cryptoWorkers: 1, now: () => 1_409_659_815_000 });
    try {
      const { msgSignature, timestamp, nonce } = OFFICIAL.post;
      const query = new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce });
      const response = await fetch(`${old.baseUrl}/wecom/app?${query}`, { method: 'POST', body: officialPostBody() });
      expect([response.status, await response.text()]).toEqual([200, '']);
      expect(old.handled).toMatchObject([{ from: { userid: 'mycreate' }, text: 'hello', receivedAt: 1_409_659_815_000 }]);
    } finally {
      await old.close();
    }
  });
});

describe('rejections with cryptoWorkers: 1 keep their statuses', () => {
  const text = { from: 'mallory', text: '/help' };
  it.each<[string, FakeCallback, number]>([
    ['forged signature', withQuery(buildCallback('app', APP_KEYS, text), (q) => q.set('msg_signature', 'f'.repeat(40))), 401],
    ['stale timestamp', buildCallback('app', APP_KEYS, text, { timestamp: now() - 3600 }), 401],
    ['wrong receiveid (AI bot)', buildCallback('ai-bot', { ...BOT_KEYS, receiveId: 'x' }, text), 400],
    ['non-base64 Encrypt', signCiphertext('app', APP_KEYS, '这不是base64!!'), 400],
    ['DOCTYPE in the signed plaintext', sealCallback('group-robot', BOT_KEYS, '<!DOCTYPE x><xml/>'), 400],
    ['over 64 KiB', buildCallback('app', APP_KEYS, { from: 'u', text: 'x'.repeat(70 * 1024) }), 413],
  ])('%s', async (_label, callback, status) => {
    const before = server.handled.length;
    const response = await postCallback(server.baseUrl, callback);
    expect(response.status).toBe(status);
    expect(response.body).not.toMatch(/at .*\.ts|Error:/);
    expect(server.handled.length).toBe(before);
  });

  it('a body that is neither XML nor JSON on /wecom/bot is 400', async () => {
    const callback = buildCallback('ai-bot', BOT_KEYS, text);
    const response = await postCallback(server.baseUrl, { ...callback, body: 'hello' });
    expect([response.status, response.body]).toEqual([400, 'body is neither XML nor JSON']);
  });
});

describe('crypto pool resilience', () => {
  const job = (): OpenJob => {
    const callback = buildCallback('app', APP_KEYS, { from: 'zhaoliu', text: '/me', msgId: 'p1' });
    const query = Object.fromEntries(new URLSearchParams(callback.query));
    return {
      kind: 'open', channel: 'app', body: callback.body, keys: APP_KEYS, replayWindowS: 300, receivedAt: 5, nowMs: Date.now(),
      query: { signature: query.msg_signature!, timestamp: query.timestamp!, nonce: query.nonce! },
    };
  };

  it('a worker that dies fails its jobs in flight with a plain Error (a 500), and is replaced', async () => {
    const logs: string[] = [];
    const pool = createCryptoPool(1, (line) => logs.push(line), new URL('./fixtures/dying-crypto-worker.mjs', import.meta.url));
    try {
      const first = pool.open(job()).catch((error: unknown) => error);
      const second = pool.open(job()).catch((error: unknown) => error);
      for (const outcome of await Promise.all([first, second])) {
        expect(outcome).toBeInstanceOf(Error);
        expect(outcome).not.toBeInstanceOf(CallbackRejected);
        expect((outcome as Error).message).toBe('crypto worker died');
      }
      await expect(pool.open(job())).rejects.toThrow('crypto worker died');
      expect(logs.filter((line) => line === 'crypto worker exited with 7; replacing it')).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('a worker that cannot load is retried, then jobs run in-thread', async () => {
    const logs: string[] = [];
    const pool = createCryptoPool(1, (line) => logs.push(line), new URL('./fixtures/no-such-worker.mjs', import.meta.url));
    try {
      for (let attempt = 1; attempt <= 3; attempt += 1) await expect(pool.open(job())).rejects.toThrow('crypto worker died');
      await expect(pool.open(job())).resolves.toMatchObject({ channel: 'app', msgId: 'p1', from: { userid: 'zhaoliu' }, text: '/me', receivedAt: 5 });
      expect(logs).toContain('crypto worker cannot start; opening callbacks in-thread instead');
    } finally {
      await pool.close();
    }
  });

  it('a rejected callback comes back as CallbackRejected with its status, and close() stops the pool', async () => {
    const pool = createCryptoPool(1, () => {});
    const forged = { ...job(), query: { ...job().query, signature: 'f'.repeat(40) } };
    await expect(pool.open(forged)).rejects.toMatchObject({ name: 'CallbackRejected', status: 401 });
    await pool.close();
    await expect(pool.open(job())).rejects.toThrow('crypto pool is closed');
  });
});
