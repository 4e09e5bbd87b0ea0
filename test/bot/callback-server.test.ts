import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage, Reply } from '../../src/bot/inbound-message.js';
import {
  buildCallback,
  buildVerificationQuery,
  openPassiveReply,
  postCallback,
} from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { OFFICIAL, officialPostBody } from './official-vectors.js';
import { APP_KEYS, BOT_KEYS, startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('official sample vectors through the real endpoints', () => {
  it('GET /wecom/app answers the sample URL verification with the bare echo string', async () => {
    server = await startTestServer();
    const { msgSignature, timestamp, nonce, echostr, echo } = OFFICIAL.verify;
    const query = new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce, echostr });
    const response = await fetch(`${server.baseUrl}/wecom/app?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(echo);
  });

  it('accepts the sample echostr when a proxy left its "+" and "/" unencoded', async () => {
    server = await startTestServer();
    const { msgSignature, timestamp, nonce, echostr, echo } = OFFICIAL.verify;
    const raw = `msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${echostr.replace(/=/g, '%3D')}`;
    expect(raw).toContain('+');
    const response = await fetch(`${server.baseUrl}/wecom/app?${raw}`);
    expect([response.status, await response.text()]).toEqual([200, echo]);
  });

  it('POST /wecom/app turns the sample into the text "hello" from mycreate (clock set to 2014)', async () => {
    server = await startTestServer({ now: () => 1_409_659_815_000 });
    const { msgSignature, timestamp, nonce } = OFFICIAL.post;
    const query = new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce });
    const response = await fetch(`${server.baseUrl}/wecom/app?${query}`, { method: 'POST', body: officialPostBody() });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(server.handled).toEqual([
      {
        channel: 'app',
        msgId: OFFICIAL.post.msgId,
        from: { userid: 'mycreate' },
        chatId: null,
        chatType: 'single',
        kind: 'text',
        text: 'hello',
        createdAt: 1_409_659_813_000,
        receivedAt: 1_409_659_815_000,
      },
    ]);
  });

  it('the same sample passes with the replay window off and is refused (401) at today\'s clock', async () => {
    server = await startTestServer({ replayWindowS: 0 });
    const { msgSignature, timestamp, nonce } = OFFICIAL.post;
    const query = new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce });
    const url = `${server.baseUrl}/wecom/app?${query}`;
    expect((await fetch(url, { method: 'POST', body: officialPostBody() })).status).toBe(200);
    await server.close();
    server = await startTestServer();
    const stale = await fetch(`${server.baseUrl}/wecom/app?${query}`, { method: 'POST', body: officialPostBody() });
    expect(stale.status).toBe(401);
    expect(server.handled).toEqual([]);
  });
});

describe('round trip per channel: /help in, signed encrypted passive reply out', () => {
  it('app: an encrypted XML text reply to the sender from the CorpID', async () => {
    server = await startTestServer();
    const response = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhangsan', text: '/help', msgId: '1001' }));
    expect(response.status).toBe(200);
    const reply = openPassiveReply('app', APP_KEYS, response.body);
    expect(reply.parsed).toMatchObject({ ToUserName: 'zhangsan', FromUserName: OFFICIAL.corpId, MsgType: 'text', Content: '帮助：/me /rank（zhangsan）' });
    expect(server.handled[0]).toMatchObject({ channel: 'app', msgId: '1001', text: '/help' });
  });

  it('group robot: an encrypted XML markdown reply, receiveid ""', async () => {
    server = await startTestServer();
    const callback = buildCallback('group-robot', BOT_KEYS, { from: 'lisi', name: '李四', text: '@训练营助手 /help', msgId: 'g1', chatId: 'wrkChat1' });
    const response = await postCallback(server.baseUrl, callback);
    expect(response.status).toBe(200);
    const reply = openPassiveReply('group-robot', BOT_KEYS, response.body);
    expect(reply.parsed).toEqual(expect.objectContaining({ MsgType: 'markdown' }));
    expect(reply.plaintext).toBe('<xml><MsgType>markdown</MsgType><Markdown><Content>**帮助** /me /rank（lisi）</Content></Markdown></xml>');
    expect(server.handled[0]).toMatchObject({ channel: 'group-robot', chatId: 'wrkChat1', from: { userid: 'lisi', name: '李四' }, text: '@训练营助手 /help' });
  });

  it('AI bot: an encrypted JSON stream reply with finish true', async () => {
    server = await startTestServer();
    const callback = buildCallback('ai-bot', BOT_KEYS, { from: 'wangwu', text: '@AI /help', msgId: 'a1', chatId: 'wrkChat2', createTime: Math.floor(Date.now() / 1000) });
    const response = await postCallback(server.baseUrl, callback);
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('application/json');
    const reply = openPassiveReply('ai-bot', BOT_KEYS, response.body);
    expect(reply.parsed).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '**帮助** /me /rank（wangwu）' } });
    expect(server.handled[0]).toMatchObject({ channel: 'ai-bot', chatId: 'wrkChat2', chatType: 'group', msgId: 'a1' });
  });

  it('a message the handler does not answer gets an empty 200', async () => {
    server = await startTestServer();
    const response = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhangsan', text: '今天的课真好' }));
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(server.handled).toHaveLength(1);
  });
});

describe('URL verification', () => {
  it('GET /wecom/bot verifies with the bot token and receiveid ""', async () => {
    server = await startTestServer();
    const { query, echo } = buildVerificationQuery(BOT_KEYS, '8437291');
    const response = await fetch(`${server.baseUrl}/wecom/bot?${query}`);
    expect([response.status, await response.text()]).toEqual([200, echo]);
  });

  it('an echostr encrypted for the app is refused on the bot path (400), a wrong signature with 401', async () => {
    server = await startTestServer();
    const forApp = buildVerificationQuery({ ...APP_KEYS, encodingAesKey: BOT_KEYS.encodingAesKey, token: BOT_KEYS.token }, '1');
    expect((await fetch(`${server.baseUrl}/wecom/bot?${forApp.query}`)).status).toBe(400);
    const forged = new URLSearchParams(buildVerificationQuery(BOT_KEYS, '1').query);
    forged.set('msg_signature', '0'.repeat(40));
    expect((await fetch(`${server.baseUrl}/wecom/bot?${forged}`)).status).toBe(401);
  });
});

describe('deadline, failures and health', () => {
  it('answers an empty 200 when the handler is slow, then passes its reply to onLateReply', async () => {
    let deliverLate: (entry: [InboundMessage, Reply]) => void = () => undefined;
    const late = new Promise<[InboundMessage, Reply]>((resolve) => (deliverLate = resolve));
    const slow = () => new Promise<Reply>((resolve) => setTimeout(() => resolve({ text: '稍后送达' }), 150));
    server = await startTestServer({ handle: slow, replyTimeoutMs: 30, onLateReply: (m, r) => deliverLate([m, r]) });
    const started = Date.now();
    const response = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhangsan', text: '/me', msgId: 'slow-1' }));
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(Date.now() - started).toBeLessThan(140);
    const [message, reply] = await late;
    expect(message.msgId).toBe('slow-1');
    expect(reply).toEqual({ text: '稍后送达' });
  });

  it('a handler failure answers 500 without details, logs one line, and the server keeps serving', async () => {
    server = await startTestServer({ handle: () => Promise.reject(new Error('db locked')) });
    const response = await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhangsan', text: '/help' }));
    expect(response).toMatchObject({ status: 500, body: 'internal error' });
    expect(server.logs).toHaveLength(1);
    expect(server.logs[0]).toContain('POST /wecom/app 500: Error: db locked');
    expect(server.logs[0]).not.toContain(APP_KEYS.encodingAesKey);
    expect(server.logs[0]).not.toContain('\n');
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it('/healthz is 200 {"ok":true} when ready and 503 otherwise', async () => {
    let ready = false;
    server = await startTestServer({ isReady: () => ready });
    const before = await fetch(`${server.baseUrl}/healthz`);
    expect([before.status, await before.json()]).toEqual([503, { ok: false }]);
    ready = true;
    const after = await fetch(`${server.baseUrl}/healthz`);
    expect([after.status, await after.json()]).toEqual([200, { ok: true }]);
  });

  it('extendRouter adds routes; unknown paths are 404 and wrong methods 405', async () => {
    server = await startTestServer({ extendRouter: (router) => router.get('/verify/:code', (ctx) => (ctx.body = { code: ctx.params.code })) });
    expect(await (await fetch(`${server.baseUrl}/verify/abc`)).json()).toEqual({ code: 'abc' });
    expect((await fetch(`${server.baseUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/wecom/app`, { method: 'PUT' })).status).toBe(405);
  });
});
