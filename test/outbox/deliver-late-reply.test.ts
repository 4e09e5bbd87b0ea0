import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/inbound-message.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { deliverLateReply } from '../../src/outbox/deliver-late-reply.js';
import { md } from '../../src/bot/markdown.js';

const base: InboundMessage = {
  channel: 'app', msgId: 'm1', from: { userid: 'zhangsan' }, chatId: null, chatType: 'single', kind: 'text', text: '/rank',
  createdAt: 1_000, receivedAt: 1_000,
};

describe('deliverLateReply', () => {
  let database: Database;
  beforeEach(() => {
    database = openDatabase(':memory:');
  });
  afterEach(() => database.close());
  const rows = () =>
    database.sqlite.prepare('SELECT kind, payload, dedupe_key AS key FROM outbox ORDER BY id').all()
      .map((r) => ({ ...(r as { kind: string; key: string }), payload: JSON.parse((r as { payload: string }).payload) }));

  it('answers each channel its own way, once per message', () => {
    const reply = { text: '排行榜', markdown: md`**排行榜**` };
    deliverLateReply(database.sqlite, base, reply, 2_000);
    expect(deliverLateReply(database.sqlite, base, reply, 2_001).duplicate).toBe(true);
    deliverLateReply(database.sqlite, { ...base, channel: 'group-robot', msgId: 'm2', chatId: 'wrC', chatType: 'group',
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K' }, reply, 2_000);
    deliverLateReply(database.sqlite, { ...base, channel: 'ai-bot', msgId: 'm3', responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R' }, reply, 2_000);
    expect(rows()).toEqual([
      { kind: 'app', key: 'late-reply:app:m1', payload: { touser: ['zhangsan'], message: { msgtype: 'text', content: '排行榜' } } },
      { kind: 'webhook', key: 'late-reply:group-robot:m2', payload: {
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K', chatid: 'wrC', message: { msgtype: 'markdown', content: '**排行榜**' } } },
      { kind: 'response-url', key: 'late-reply:ai-bot:m3', payload: {
        responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R', markdown: '**排行榜**' } },
    ]);
  });
});

describe('AI bot answers through response_url', () => {
  it('posts markdown to a response_url on WECOM_API_BASE and refuses other hosts', async () => {
    const { createServer } = await import('node:http');
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        bodies.push({ url: req.url, body: JSON.parse(raw) });
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { deliverOutbound } = await import('../../src/outbox/deliver-outbound.js');
    const client = {} as Parameters<typeof deliverOutbound>[1]['client'];
    const outbound = (responseUrl: string) => ({ kind: 'response-url' as const, payload: { responseUrl, markdown: md`**好的**` } });
    await deliverOutbound(outbound(`${apiBase}/cgi-bin/aibot/response?response_code=R`), { client, apiBase });
    expect(bodies).toEqual([{ url: '/cgi-bin/aibot/response?response_code=R', body: { msgtype: 'markdown', markdown: { content: '**好的**' } } }]);
    await expect(deliverOutbound(outbound('https://evil.example/steal'), { client, apiBase })).rejects.toThrow(/not WECOM_API_BASE/);
    expect(bodies).toHaveLength(1);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
