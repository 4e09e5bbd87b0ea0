import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/bot/inbound-message.js';
import {
  buildCallback,
  type FakeCallback,
  postCallback,
  sealCallback,
  signCiphertext,
} from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { encryptRaw, layout } from './craft-ciphertext.js';
import { APP_KEYS, BOT_KEYS, startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sends a bad request, then proves nothing was handled and the server still serves a good callback. */
async function expectRejected(callback: FakeCallback, status: number): Promise<void> {
  const before = server.handled.length;
  const response = await postCallback(server.baseUrl, callback);
  expect(response.status).toBe(status);
  expect(response.body).not.toMatch(/at .*\.ts|Error:/);
  expect(server.handled.length).toBe(before);
  const good = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'after', text: '/help' }));
  expect(good.status).toBe(200);
  expect(server.handled.at(-1)?.from.userid).toBe('after');
}

function withQuery(callback: FakeCallback, change: (query: URLSearchParams) => void): FakeCallback {
  const query = new URLSearchParams(callback.query);
  change(query);
  return { ...callback, query: query.toString() };
}

const text = { from: 'mallory', text: '/help' };
const now = () => Math.floor(Date.now() / 1000);

describe('forged, replayed and misdirected callbacks', () => {
  it.each<Channel>(['app', 'group-robot', 'ai-bot'])('%s: a forged signature is 401', async (channel) => {
    const keys = channel === 'app' ? APP_KEYS : BOT_KEYS;
    await expectRejected(withQuery(buildCallback(channel, keys, text), (q) => q.set('msg_signature', 'f'.repeat(40))), 401);
  });

  it('a callback signed with the wrong token is 401; one for the app sent to the bot path is 401', async () => {
    await expectRejected(buildCallback('app', { ...APP_KEYS, token: 'guess' }, text), 401);
    await expectRejected({ ...buildCallback('group-robot', APP_KEYS, text) }, 401);
  });

  it('missing or repeated query parameters are 401', async () => {
    const callback = buildCallback('app', APP_KEYS, text);
    await expectRejected(withQuery(callback, (q) => q.delete('msg_signature')), 401);
    await expectRejected(withQuery(callback, (q) => q.delete('nonce')), 401);
    await expectRejected(withQuery(callback, (q) => q.append('timestamp', q.get('timestamp') ?? '')), 401);
  });

  it('a stale or future timestamp is 401 even when correctly signed', async () => {
    await expectRejected(buildCallback('app', APP_KEYS, text, { timestamp: now() - 3600 }), 401);
    await expectRejected(buildCallback('ai-bot', BOT_KEYS, text, { timestamp: now() + 3600 }), 401);
  });

  it('a wrong receiveid is 400 on both paths', async () => {
    await expectRejected(buildCallback('app', { ...APP_KEYS, receiveId: 'wwAnotherCorp' }, text), 400);
    await expectRejected(buildCallback('group-robot', { ...BOT_KEYS, receiveId: APP_KEYS.receiveId }, text), 400);
    await expectRejected(buildCallback('ai-bot', { ...BOT_KEYS, receiveId: 'x' }, text), 400);
  });
});

describe('undecryptable ciphertext, correctly signed, is 400', () => {
  const real = buildCallback('app', APP_KEYS, text);
  const encrypt = /<Encrypt>(?:<!\[CDATA\[)?([^<\]]+)/.exec(real.body)?.[1] ?? '';

  it.each([
    ['truncated base64', encrypt.slice(0, encrypt.length - 8)],
    ['truncated to whole blocks', Buffer.from(encrypt, 'base64').subarray(0, 32).toString('base64')],
    ['random base64', Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 91 + 7) % 256)).toString('base64')],
    ['non-base64', '这不是base64!!'],
    ['bad padding', encryptRaw(APP_KEYS.encodingAesKey, Buffer.concat([layout('<xml/>', APP_KEYS.receiveId), Buffer.alloc(4, 0)]))],
  ])('%s', async (_label, ciphertext) => {
    expect(ciphertext).not.toBe(encrypt);
    await expectRejected(signCiphertext('app', APP_KEYS, ciphertext), 400);
    await expectRejected(signCiphertext('ai-bot', BOT_KEYS, ciphertext), 400);
  });
});

describe('hostile bodies', () => {
  it('a body over 64 KiB is 413, with Content-Length and when chunked', async () => {
    const big = buildCallback('app', APP_KEYS, { from: 'u', text: 'x'.repeat(70 * 1024) });
    await expectRejected(big, 413);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.baseUrl}${big.path}?${big.query}`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i += 1) req.write('<'.repeat(8 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(server.handled.at(-1)?.from.userid).toBe('after');
  });

  it('a DOCTYPE or ENTITY is 400, in the outer body and in the signed plaintext', async () => {
    const real = buildCallback('app', APP_KEYS, text);
    await expectRejected({ ...real, body: `<!DOCTYPE xml [<!ENTITY x "y">]>${real.body}` }, 400);
    const bomb = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]><xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>&lol1;</Content><MsgId>1</MsgId></xml>';
    await expectRejected(sealCallback('app', APP_KEYS, bomb), 400);
    await expectRejected(sealCallback('group-robot', BOT_KEYS, '<!entity x "y"><xml/>'), 400);
  });

  it('__proto__ keys pollute nothing: in the outer JSON, the inner XML and the inner JSON', async () => {
    const ai = buildCallback('ai-bot', BOT_KEYS, text);
    await expectRejected({ ...ai, body: `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}` }, 400);
    await expectRejected(sealCallback('app', APP_KEYS, '<xml><__proto__><polluted>yes</polluted></__proto__></xml>'), 400);
    await expectRejected(sealCallback('ai-bot', BOT_KEYS, '{"__proto__":{"polluted":"yes"},"from":{"__proto__":{"polluted":"yes"}}}'), 400);
    const withExtraKey = '{"__proto__":{"polluted":"yes"},"msgid":"p1","aibotid":"b","chattype":"single","from":{"userid":"u"},"msgtype":"text","text":{"content":"/help"}}';
    const accepted = await postCallback(server.baseUrl, sealCallback('ai-bot', BOT_KEYS, withExtraKey));
    expect(accepted.status).toBe(200);
    expect(server.handled.at(-1)).toMatchObject({ msgId: 'p1' });
    expect(Object.keys(server.handled.at(-1) ?? {})).not.toContain('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('malformed XML and JSON are 400, outside and inside the envelope', async () => {
    const app = buildCallback('app', APP_KEYS, text);
    await expectRejected({ ...app, body: app.body.replace('</xml>', '') }, 400);
    await expectRejected({ ...app, body: '<xml><ToUserName>x</ToUserName></xml>' }, 400);
    await expectRejected(sealCallback('app', APP_KEYS, '<xml><FromUserName>u</FromUserName>'), 400);
    await expectRejected(sealCallback('group-robot', BOT_KEYS, '<xml><From><UserId>u</UserId></From><MsgType>text</MsgType></xml>'), 400);
    const ai = buildCallback('ai-bot', BOT_KEYS, text);
    await expectRejected({ ...ai, body: ai.body.slice(0, -2) }, 400);
    await expectRejected({ ...ai, body: '{"encrypt": 42}' }, 400);
    await expectRejected(sealCallback('ai-bot', BOT_KEYS, '{"msgid": "1", '), 400);
    await expectRejected({ ...ai, body: 'encrypt=abc' }, 400);
  });

  it('unknown message types are accepted as kind "other" (no crash)', async () => {
    const voice = '<xml><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType><MediaId>m</MediaId><MsgId>v1</MsgId></xml>';
    const response = await postCallback(server.baseUrl, sealCallback('app', APP_KEYS, voice));
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(server.handled.at(-1)).toMatchObject({ kind: 'other', msgId: 'v1' });
  });
});

describe('bot path without bot keys', () => {
  it('GET and POST /wecom/bot answer 404 and handle nothing', async () => {
    const appOnly = await startTestServer({ bot: false });
    try {
      const callback = buildCallback('group-robot', BOT_KEYS, text);
      expect((await postCallback(appOnly.baseUrl, callback)).status).toBe(404);
      expect((await fetch(`${appOnly.baseUrl}/wecom/bot?${callback.query}&echostr=abc`)).status).toBe(404);
      expect(appOnly.handled).toEqual([]);
      expect((await postCallback(appOnly.baseUrl, buildCallback('app', APP_KEYS, text))).status).toBe(200);
    } finally {
      await appOnly.close();
    }
  });
});

describe('fuzz: mutated and random bodies', () => {
  it('hundreds of hostile requests get only 400/401 and reach no handler', async () => {
    const random = mulberry32(20260401);
    const before = server.handled.length;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 360; i += 1) {
      const callback = hostileCallback(i % 6, random);
      const { status } = await postCallback(server.baseUrl, callback);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((status) => status === 400 || status === 401)).toBe(true);
    expect(server.handled.length).toBe(before);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});

function hostileCallback(kind: number, random: () => number): FakeCallback {
  const channels: Channel[] = ['app', 'group-robot', 'ai-bot'];
  const channel = channels[Math.floor(random() * 3)] ?? 'app';
  const keys = channel === 'app' ? APP_KEYS : BOT_KEYS;
  const real = buildCallback(channel, keys, { from: 'fuzz', text: '/help' });
  switch (kind) {
    case 0: // random bytes as the body
      return { ...real, body: Buffer.from(randomBytes(random, Math.floor(random() * 2000))).toString('latin1') };
    case 1: // one character of the body replaced, the signature left as it was
      return { ...real, body: mutateEncrypt(real.body, random) };
    case 2: // truncated body
      return { ...real, body: real.body.slice(0, Math.floor(random() * (real.body.length - 1))) };
    case 3: // correctly signed random ciphertext of whole blocks
      return signCiphertext(channel, keys, Buffer.from(randomBytes(random, 16 * (1 + Math.floor(random() * 12)))).toString('base64'));
    case 4: // random query values
      return withQuery(real, (q) => q.set(['msg_signature', 'timestamp', 'nonce'][Math.floor(random() * 3)] ?? 'nonce', String(random())));
    default: // correctly signed text that is not base64 at all
      return signCiphertext(channel, keys, Array.from({ length: 40 }, () => NOT_BASE64[Math.floor(random() * NOT_BASE64.length)]).join(''));
  }
}

const NOT_BASE64 = 'AZaz09+/=!@#$%^&*()-_ 中文<>"\'';

function mutateEncrypt(body: string, random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
  const match = /"encrypt":"|<Encrypt>(?:<!\[CDATA\[)?/.exec(body);
  const start = (match?.index ?? 0) + (match?.[0].length ?? 0);
  const at = start + Math.floor(random() * 40);
  const replacement = alphabet[Math.floor(random() * alphabet.length)] ?? 'A';
  const char = body[at] === replacement ? (replacement === 'A' ? 'B' : 'A') : replacement;
  return `${body.slice(0, at)}${char}${body.slice(at + 1)}`;
}

function randomBytes(random: () => number, length: number): number[] {
  return Array.from({ length }, () => Math.floor(random() * 256));
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
