import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pruneExpired, startRetention } from '../../src/app/start-retention.js';
import type { Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { checkMessage, markProcessed } from '../../src/db/processed-messages.js';
import { enqueueOutbound } from '../../src/outbox/enqueue-outbound.js';
import { claimDueRows, markFailed, markSent } from '../../src/db/outbox-store.js';
import { openTestStore } from '../support/test-store.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-31T00:00:00Z');
const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-robot-key';
const MESSAGE_KEYS = ['msg-1d', 'msg-29d', 'msg-31d', 'msg-40d'];

type Fate = 'sent' | 'failed' | 'sending' | 'pending';

describe('retention', () => {
  let store: Store;
  /** Each outbox row's key and status, and its payload as stored (null once pruned). */
  const outbox = async () => (await listOutbox(store)).map((row) => ({ key: row.dedupeKey!, status: row.status, payload: row.payload }));
  /** The processed-message keys still kept. */
  const keys = async (): Promise<string[]> => {
    const kept: string[] = [];
    for (const key of MESSAGE_KEYS) if ((await checkMessage(store, key)).kind === 'done') kept.push(key);
    return kept;
  };

  /** An outbox row created `daysAgo`, and left `fate` (sent the same day). */
  async function outboxRow(key: string, daysAgo: number, fate: Fate): Promise<void> {
    const at = NOW - daysAgo * DAY;
    await enqueueOutbound(store, { campId: 'c', kind: 'webhook', payload: { webhookUrl: WEBHOOK, chatid: 'wr1', message: { msgtype: 'text', content: key } }, dedupeKey: key }, at);
    if (fate === 'pending') return;
    const [row] = await claimDueRows(store, at, 60_000, 1);
    if (fate === 'sent') await markSent(store, row!.id, at);
    if (fate === 'failed') await markFailed(store, row!.id, 'errcode 93000');
  }

  beforeEach(async () => {
    store = await openTestStore();
    for (const daysAgo of [40, 31, 29, 1]) await markProcessed(store, `msg-${daysAgo}d`, null, NOW - daysAgo * DAY);
    await outboxRow('sent-40d', 40, 'sent');
    await outboxRow('sent-31d', 31, 'sent');
    await outboxRow('sent-10d', 10, 'sent');
    await outboxRow('sending-40d', 40, 'sending');
    await outboxRow('failed-40d', 40, 'failed');
    await outboxRow('pending-40d', 40, 'pending');
    await appendEvent(store, { campId: 'c', type: 'participation', userid: 'u1', num: 1, actor: 'u1', source: 'chat', happenedAt: NOW - 40 * DAY }, NOW - 40 * DAY);
  });
  afterEach(() => store.close());

  it('prunes processed keys and sent payloads past the period, in small batches; keeps everything else and every event', async () => {
    expect(await pruneExpired({ store, retentionDays: 30, now: () => NOW, batchSize: 1 })).toEqual({ processedKeys: 2, sentPayloads: 2 });
    expect(await keys()).toEqual(['msg-1d', 'msg-29d']);
    const rows = await outbox();
    expect(rows.map((r) => [r.key, r.status, r.payload === null ? 'pruned' : 'kept'])).toEqual([
      ['sent-40d', 'sent', 'pruned'],
      ['sent-31d', 'sent', 'pruned'],
      ['sent-10d', 'sent', 'kept'],
      ['sending-40d', 'sending', 'kept'],
      ['failed-40d', 'failed', 'kept'],
      ['pending-40d', 'pending', 'kept'],
    ]);
    expect(rows.filter((r) => JSON.stringify(r.payload).includes('secret-robot-key')).map((r) => r.key))
      .toEqual(['sent-10d', 'sending-40d', 'failed-40d', 'pending-40d']);
    expect(await verifyChain(store)).toMatchObject({ ok: true, count: 1 });
    expect(await pruneExpired({ store, retentionDays: 30, now: () => NOW })).toEqual({ processedKeys: 0, sentPayloads: 0 });
  });

  it('keeps what RETENTION_DAYS says', async () => {
    expect(await pruneExpired({ store, retentionDays: 7, now: () => NOW })).toEqual({ processedKeys: 3, sentPayloads: 3 });
    expect(await keys()).toEqual(['msg-1d']);
  });

  it('runs at start and then every interval, until stopped', async () => {
    let clock = NOW - 5 * DAY; // nothing is 40 days old yet but the 40-day rows (35 days then)
    const lines: string[] = [];
    const retention = startRetention({ store, retentionDays: 30, now: () => clock, intervalMs: 20, log: (line) => lines.push(line) });
    try {
      await vi.waitFor(() => expect(lines).toEqual(['retention: pruned 1 processed-message keys, 1 sent outbox payloads']));
      clock = NOW;
      await vi.waitFor(async () => expect(await keys()).toEqual(['msg-1d', 'msg-29d']));
    } finally {
      await retention.stop();
    }
    expect((await outbox()).filter((r) => r.payload === null).map((r) => r.key)).toEqual(['sent-40d', 'sent-31d']);
  });
});
