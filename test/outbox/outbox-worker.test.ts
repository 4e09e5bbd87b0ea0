import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { transaction, type Store } from '../../src/db/db.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { enqueueOutbound } from '../../src/outbox/enqueue-outbound.js';
import { inlineMedia } from '../../src/outbox/outbox-payload.js';
import { claimDueRows, outboxCounts } from '../../src/db/outbox-store.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/outbox/outbox-worker.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { md } from '../../src/bot/markdown.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';

const NOW = Date.parse('2026-12-04T10:00:00Z');
const text = (content: string, touser = ['zhangsan']) =>
  ({ campId: 'c1', kind: 'app', payload: { touser, message: { msgtype: 'text', content } }, dedupeKey: `t:${content}` }) as const;

describe('outbox worker', () => {
  let api: FakeWeComApi;
  let db: SharedTestDb;
  let store: Store;
  const workers: OutboxWorker[] = [];

  const client = () =>
    createWeComClient({ apiBase: api.baseUrl, corpId: 'corp', agentId: '1000002', secret: 's', sleep: async () => {}, log: () => {} });
  const start = (on: Store, extra: { maxAttempts?: number; now?: () => number } = {}) => {
    const worker = startOutboxWorker({
      store: on, client: client(), apiBase: api.baseUrl, pollMs: 60_000, now: extra.now ?? (() => NOW),
      backoff: { baseMs: 0, capMs: 0 }, maxAttempts: extra.maxAttempts, log: () => {},
    });
    workers.push(worker);
    return worker;
  };

  beforeEach(async () => {
    api = await startFakeWeComApi();
    db = await sharedTestDb();
    store = await db.open();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await db.cleanup();
    await api.close();
  });

  it('delivers after a restart what was written before the process died', async () => {
    await transaction(store, (tx) => enqueueOutbound(tx, text('结业啦'), NOW));
    await store.close(); // killed here: written, never delivered
    store = await db.open();
    const worker = start(store);
    expect(await worker.drain()).toBe(1);
    const sent = api.delivered('message/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.touser).toEqual(['zhangsan']);
    expect(sent[0]!.body).toMatchObject({ msgtype: 'text', text: { content: '结业啦' } });
    expect(await outboxCounts(store)).toMatchObject({ sent: 1, pending: 0 });
  });

  it('never sends a delivered message again, and a repeated enqueue adds nothing', async () => {
    await enqueueOutbound(store, text('一次'), NOW);
    const worker = start(store);
    await worker.drain();
    expect((await enqueueOutbound(store, text('一次'), NOW + 1)).duplicate).toBe(true);
    expect(await worker.drain()).toBe(0);
    await store.close();
    store = await db.open();
    expect(await start(store).drain()).toBe(0);
    expect(api.delivered('message/send')).toHaveLength(1);
  });

  it('retries -1 and 5xx answers until delivered', async () => {
    api.failNext('message/send', { errcode: -1, times: 6 });
    api.failNext('message/send', { status: 502, times: 6 });
    await enqueueOutbound(store, text('重试'), NOW);
    await start(store).drain();
    expect(api.calls.filter((c) => c.api === 'message/send')).toHaveLength(13);
    expect(api.delivered('message/send')).toHaveLength(1);
    const [row] = await listOutbox(store);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, sentAt: NOW }); // the client tries 5 times per attempt
  });

  it('marks a message failed after maxAttempts, and at once on a definite no', async () => {
    api.failNext('message/send', { errcode: -1, times: 100 });
    await enqueueOutbound(store, text('总是失败'), NOW);
    await start(store, { maxAttempts: 2 }).drain();
    const [row] = await listOutbox(store);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(String(row!.lastError)).toContain('-1');

    await enqueueOutbound(store, { ...text('错误用户'), payload: { touser: [], message: { msgtype: 'text', content: 'x' } } }, NOW);
    await start(store).drain(); // no recipient: refused before sending, never retried
    const refused = (await listOutbox(store)).find((r) => r.dedupeKey === 't:错误用户');
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('takes again a row left `sending` by a dead process once its lease runs out', async () => {
    await enqueueOutbound(store, text('接力'), NOW);
    // A process claims it (status `sending`, leased for 5 min) and dies before sending it.
    expect(await claimDueRows(store, NOW, 300_000, 50)).toHaveLength(1);
    expect(await start(store).drain()).toBe(0);
    expect(await start(store, { now: () => NOW + 300_000 }).drain()).toBe(1);
    expect(api.delivered('message/send')).toHaveLength(1);
  });

  it('uploads media first and sends it by media_id; webhook posts carry the chatid', async () => {
    const png = Buffer.from('not really a png but bytes');
    await enqueueOutbound(store, { campId: 'c1', kind: 'app', dedupeKey: 'img', payload: {
      touser: ['lisi'], message: { msgtype: 'file', media: inlineMedia('名单.csv', png) } } }, NOW);
    await enqueueOutbound(store, { campId: 'c1', kind: 'webhook', dedupeKey: 'hook', payload: {
      webhookUrl: api.webhookUrl('k1'), chatid: 'wrChat1', message: { msgtype: 'markdown', content: md`**榜单**` } } }, NOW);
    await start(store).drain();
    const upload = api.delivered('media/upload')[0]!;
    expect(upload.media).toEqual({ filename: '名单.csv', size: png.length });
    const send = api.delivered('message/send')[0]!;
    expect(send.body).toMatchObject({ msgtype: 'file', file: { media_id: expect.stringMatching(/^media-/) } });
    expect(api.calls.indexOf(upload)).toBeLessThan(api.calls.indexOf(send));
    expect(api.delivered('webhook/send')[0]).toMatchObject({ chatid: 'wrChat1', query: { key: 'k1' } });
  });
});
