import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { enqueueOutbound } from '../../src/delivery/enqueue-outbound.js';
import { inlineMedia } from '../../src/delivery/outbox-payload.js';
import { outboxCounts } from '../../src/delivery/outbox-store.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/delivery/outbox-worker.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { md } from '../../src/bot/markdown.js';

const NOW = Date.parse('2026-12-04T10:00:00Z');
const text = (content: string, touser = ['zhangsan']) =>
  ({ campId: 'c1', kind: 'app', payload: { touser, message: { msgtype: 'text', content } }, dedupeKey: `t:${content}` }) as const;

describe('outbox worker', () => {
  let api: FakeWeComApi;
  let temp: ReturnType<typeof tempDbFile>;
  let database: Database;
  const workers: OutboxWorker[] = [];

  const client = () =>
    createWeComClient({ apiBase: api.baseUrl, corpId: 'corp', agentId: '1000002', secret: 's', sleep: async () => {}, log: () => {} });
  const start = (db: Database, extra: { maxAttempts?: number; now?: () => number } = {}) => {
    const worker = startOutboxWorker({
      sqlite: db.sqlite, client: client(), apiBase: api.baseUrl, pollMs: 60_000, now: extra.now ?? (() => NOW),
      backoff: { baseMs: 0, capMs: 0 }, maxAttempts: extra.maxAttempts, log: () => {},
    });
    workers.push(worker);
    return worker;
  };

  beforeEach(async () => {
    api = await startFakeWeComApi();
    temp = tempDbFile();
    database = openDatabase(temp.file);
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    database.close();
    await api.close();
    temp.cleanup();
  });

  it('delivers after a restart what was written before the process died', async () => {
    database.sqlite.transaction(() => enqueueOutbound(database.sqlite, text('结业啦'), NOW))();
    database.close(); // killed here: written, never delivered
    database = openDatabase(temp.file);
    const worker = start(database);
    expect(await worker.drain()).toBe(1);
    const sent = api.delivered('message/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.touser).toEqual(['zhangsan']);
    expect(sent[0]!.body).toMatchObject({ msgtype: 'text', text: { content: '结业啦' } });
    expect(outboxCounts(database.sqlite)).toMatchObject({ sent: 1, pending: 0 });
  });

  it('never sends a delivered message again, and a repeated enqueue adds nothing', async () => {
    enqueueOutbound(database.sqlite, text('一次'), NOW);
    const worker = start(database);
    await worker.drain();
    expect(enqueueOutbound(database.sqlite, text('一次'), NOW + 1).duplicate).toBe(true);
    expect(await worker.drain()).toBe(0);
    database.close();
    database = openDatabase(temp.file);
    expect(await start(database).drain()).toBe(0);
    expect(api.delivered('message/send')).toHaveLength(1);
  });

  it('retries -1 and 5xx answers until delivered', async () => {
    api.failNext('message/send', { errcode: -1, times: 6 });
    api.failNext('message/send', { status: 502, times: 6 });
    enqueueOutbound(database.sqlite, text('重试'), NOW);
    await start(database).drain();
    expect(api.calls.filter((c) => c.api === 'message/send')).toHaveLength(13);
    expect(api.delivered('message/send')).toHaveLength(1);
    const row = database.sqlite.prepare('SELECT status, attempts, sent_at FROM outbox').get();
    expect(row).toEqual({ status: 'sent', attempts: 3, sent_at: NOW }); // the client tries 5 times per attempt
  });

  it('marks a message failed after maxAttempts, and at once on a definite no', async () => {
    api.failNext('message/send', { errcode: -1, times: 100 });
    enqueueOutbound(database.sqlite, text('总是失败'), NOW);
    await start(database, { maxAttempts: 2 }).drain();
    const row = database.sqlite.prepare('SELECT status, attempts, last_error FROM outbox').get() as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(String(row.last_error)).toContain('-1');

    enqueueOutbound(database.sqlite, { ...text('错误用户'), payload: { touser: [], message: { msgtype: 'text', content: 'x' } } }, NOW);
    await start(database).drain(); // no recipient: refused before sending, never retried
    const refused = database.sqlite.prepare(`SELECT status, attempts FROM outbox WHERE dedupe_key = 't:错误用户'`).get();
    expect(refused).toEqual({ status: 'failed', attempts: 1 });
  });

  it('takes again a row left `sending` by a dead process once its lease runs out', async () => {
    enqueueOutbound(database.sqlite, text('接力'), NOW);
    database.sqlite.prepare(`UPDATE outbox SET status = 'sending', attempts = 1, next_attempt_at = ?`).run(NOW + 300_000);
    expect(await start(database).drain()).toBe(0);
    expect(await start(database, { now: () => NOW + 300_000 }).drain()).toBe(1);
    expect(api.delivered('message/send')).toHaveLength(1);
  });

  it('uploads media first and sends it by media_id; webhook posts carry the chatid', async () => {
    const png = Buffer.from('not really a png but bytes');
    enqueueOutbound(database.sqlite, { campId: 'c1', kind: 'app', dedupeKey: 'img', payload: {
      touser: ['lisi'], message: { msgtype: 'file', media: inlineMedia('名单.csv', png) } } }, NOW);
    enqueueOutbound(database.sqlite, { campId: 'c1', kind: 'webhook', dedupeKey: 'hook', payload: {
      webhookUrl: api.webhookUrl('k1'), chatid: 'wrChat1', message: { msgtype: 'markdown', content: md`**榜单**` } } }, NOW);
    await start(database).drain();
    const upload = api.delivered('media/upload')[0]!;
    expect(upload.media).toEqual({ filename: '名单.csv', size: png.length });
    const send = api.delivered('message/send')[0]!;
    expect(send.body).toMatchObject({ msgtype: 'file', file: { media_id: expect.stringMatching(/^media-/) } });
    expect(api.calls.indexOf(upload)).toBeLessThan(api.calls.indexOf(send));
    expect(api.delivered('webhook/send')[0]).toMatchObject({ chatid: 'wrChat1', query: { key: 'k1' } });
  });
});
