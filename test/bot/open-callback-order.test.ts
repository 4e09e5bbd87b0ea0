import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseJson } from '../../src/bot/parse-json.js';
import { parseXml } from '../../src/bot/parse-xml.js';
import { buildCallback, type FakeCallback, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { APP_KEYS, BOT_KEYS, startTestServer, type TestServer } from './start-test-server.js';

// Both parsers keep working; the spies only tell whether unauthenticated input ever reached them.
vi.mock('../../src/bot/parse-xml.js', async (original) => {
  const real = await original<typeof import('../../src/bot/parse-xml.js')>();
  return { ...real, parseXml: vi.fn(real.parseXml) };
});
vi.mock('../../src/bot/parse-json.js', async (original) => {
  const real = await original<typeof import('../../src/bot/parse-json.js')>();
  return { ...real, parseJson: vi.fn(real.parseJson) };
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  vi.mocked(parseXml).mockClear();
  vi.mocked(parseJson).mockClear();
});

const BOMB = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';

function forged(callback: FakeCallback): FakeCallback {
  const query = new URLSearchParams(callback.query);
  query.set('msg_signature', 'f'.repeat(40));
  return { ...callback, query: query.toString() };
}

function encryptOf(callback: FakeCallback): string {
  return /<Encrypt><!\[CDATA\[([^\]]+)/.exec(callback.body)?.[1] ?? '';
}

describe('the signature is checked before any parser sees the body', () => {
  it('an XML bomb around a forged Encrypt is 401 and never parsed', async () => {
    const real = buildCallback('group-robot', BOT_KEYS, { from: 'mallory', text: '/help' });
    const bomb = { ...forged(real), body: `${BOMB}<xml><Spam>&lol3;</Spam><Encrypt><![CDATA[${encryptOf(real)}]]></Encrypt></xml>` };
    expect((await postCallback(server.baseUrl, bomb)).status).toBe(401);
    expect(parseXml).not.toHaveBeenCalled();
    expect(server.handled).toEqual([]);
  });

  it('deeply nested XML with a forged Encrypt is 401 and never parsed', async () => {
    const real = buildCallback('app', APP_KEYS, { from: 'mallory', text: '/help' });
    const depth = 5000;
    const nested = `<xml>${'<a>'.repeat(depth)}<Encrypt>${encryptOf(real)}</Encrypt>${'</a>'.repeat(depth)}</xml>`;
    expect((await postCallback(server.baseUrl, { ...forged(real), body: nested })).status).toBe(401);
    expect(parseXml).not.toHaveBeenCalled();
  });

  it('a forged AI bot body is 401 and its JSON is never walked by the parser that trusts content', async () => {
    const real = buildCallback('ai-bot', BOT_KEYS, { from: 'mallory', text: '/help' });
    const deep = `{"encrypt":${JSON.stringify(JSON.parse(real.body).encrypt)},"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect((await postCallback(server.baseUrl, { ...forged(real), body: deep })).status).toBe(401);
    expect(parseJson).not.toHaveBeenCalled();
  });

  it('a correctly signed Encrypt inside a hostile outer body is still refused (400), without the parser', async () => {
    const real = buildCallback('app', APP_KEYS, { from: 'mallory', text: '/help' });
    const wrapped = { ...real, body: `${BOMB}${real.body}` };
    expect((await postCallback(server.baseUrl, wrapped)).status).toBe(400);
    const nested = { ...real, body: real.body.replace('<xml>', '<xml><a><b>1</b></a>') };
    expect((await postCallback(server.baseUrl, nested)).status).toBe(400);
    const twice = { ...real, body: real.body.replace('</xml>', '<Encrypt>QUJD</Encrypt></xml>') };
    expect((await postCallback(server.baseUrl, twice)).status).toBe(400);
    expect(parseXml).not.toHaveBeenCalled();
    expect(server.handled).toEqual([]);
  });

  it('a genuine callback is parsed once, after decryption (so the spies do see parsing)', async () => {
    const genuine = await postCallback(server.baseUrl, buildCallback('group-robot', BOT_KEYS, { from: 'alice', text: '/help', chatId: 'wrC' }));
    expect(genuine.status).toBe(200);
    expect(parseXml).toHaveBeenCalledTimes(1);
    expect(vi.mocked(parseXml).mock.calls[0]?.[0]).toMatch(/<From><UserId>alice<\/UserId>/);
    const ai = await postCallback(server.baseUrl, buildCallback('ai-bot', BOT_KEYS, { from: 'bob', text: '/help' }));
    expect(ai.status).toBe(200);
    expect(parseJson).toHaveBeenCalledTimes(1);
    expect(server.handled.map((message) => message.from.userid)).toEqual(['alice', 'bob']);
  });
});
