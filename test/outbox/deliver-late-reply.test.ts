import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/inbound-message.js';
import type { Store } from '../../src/db/db.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { deliverLateReply } from '../../src/outbox/deliver-late-reply.js';
import { md } from '../../src/bot/markdown.js';
import { openTestStore } from '../support/test-store.js';

const base: InboundMessage = {
  channel: 'app', msgId: 'm1', from: { userid: 'zhangsan' }, chatId: null, chatType: 'single', kind: 'text', text: '/rank',
  createdAt: 1_000, receivedAt: 1_000,
};

describe('deliverLateReply', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.close());
  const rows = async () => (await listOutbox(store)).map(({ kind, dedupeKey, payload }) => ({ kind, key: dedupeKey, payload }));

  it('answers each channel its own way, once per message', async () => {
    const reply = { text: '排行榜', markdown: md`**排行榜**` };
    await deliverLateReply(store, base, reply, 2_000);
    expect((await deliverLateReply(store, base, reply, 2_001)).duplicate).toBe(true);
    await deliverLateReply(store, { ...base, channel: 'group-robot', msgId: 'm2', chatId: 'wrC', chatType: 'group',
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K' }, reply, 2_000);
    await deliverLateReply(store, { ...base, channel: 'ai-bot', msgId: 'm3', responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R' }, reply, 2_000);
    expect(await rows()).toEqual([
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
