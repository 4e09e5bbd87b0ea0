import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pruneExpired, startRetention } from '../../src/app/start-retention.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { markProcessed } from '../../src/db/processed-messages.js';
import { enqueueOutbound } from '../../src/outbox/enqueue-outbound.js';
import { claimDueRows, markFailed, markSent } from '../../src/db/outbox-store.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-31T00:00:00Z');
const WEBHOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-robot-key';

type Fate = 'sent' | 'failed' | 'sending' | 'pending';

describe('retention', () => {
  let database: Database;
  const outbox = () => database.sqlite.prepare('SELECT dedupe_key AS key, status, payload FROM outbox ORDER BY id').all() as
    { key: string; status: string; payload: string }[];
  const keys = () => (database.sqlite.prepare('SELECT key FROM processed_messages ORDER BY key').all() as { key: string }[]).map((r) => r.key);

  /** An outbox row created `daysAgo`, and left `fate` (sent the same day). */
  function outboxRow(key: string, daysAgo: number, fate: Fate): void {
    const at = NOW - daysAgo * DAY;
    enqueueOutbound(database.sqlite, { campId: 'c', kind: 'webhook', payload: { webhookUrl: WEBHOOK, chatid: 'wr1', message: { msgtype: 'text', content: key } }, dedupeKey: key }, at);
    if (fate === 'pending') return;
    const [row] = claimDueRows(database.sqlite, at, 60_000, 1);
    if (fate === 'sent') markSent(database.sqlite, row!.id, at);
    if (fate === 'failed') markFailed(database.sqlite, row!.id, 'errcode 93000');
  }

  beforeEach(() => {
    database = openDatabase(':memory:');
    for (const daysAgo of [40, 31, 29, 1]) markProcessed(database.sqlite, `msg-${daysAgo}d`, null, NOW - daysAgo * DAY);
    outboxRow('sent-40d', 40, 'sent');
    outboxRow('sent-31d', 31, 'sent');
    outboxRow('sent-10d', 10, 'sent');
    outboxRow('sending-40d', 40, 'sending');
    outboxRow('failed-40d', 40, 'failed');
    outboxRow('pending-40d', 40, 'pending');
    appendEvent(database.sqlite, { campId: 'c', type: 'participation', userid: 'u1', num: 1, actor: 'u1', source: 'chat', happenedAt: NOW - 40 * DAY }, NOW - 40 * DAY);
  });
  afterEach(() => database.close());

  it('prunes processed keys and sent payloads past the period, in small batches; keeps everything else and every event', async () => {
    expect(await pruneExpired({ sqlite: database.sqlite, retentionDays: 30, now: () => NOW, batchSize: 1 })).toEqual({ processedKeys: 2, sentPayloads: 2 });
    expect(keys()).toEqual(['msg-1d', 'msg-29d']);
    const rows = outbox();
    expect(rows.map((r) => [r.key, r.status, r.payload === '' ? 'pruned' : 'kept'])).toEqual([
      ['sent-40d', 'sent', 'pruned'],
      ['sent-31d', 'sent', 'pruned'],
      ['sent-10d', 'sent', 'kept'],
      ['sending-40d', 'sending', 'kept'],
      ['failed-40d', 'failed', 'kept'],
      ['pending-40d', 'pending', 'kept'],
    ]);
    expect(rows.filter((r) => r.payload.includes('secret-robot-key')).map((r) => r.key)).toEqual(['sent-10d', 'sending-40d', 'failed-40d', 'pending-40d']);
    expect(verifyChain(database.sqlite)).toMatchObject({ ok: true, count: 1 });
    expect(await pruneExpired({ sqlite: database.sqlite, retentionDays: 30, now: () => NOW })).toEqual({ processedKeys: 0, sentPayloads: 0 });
  });

  it('keeps what RETENTION_DAYS says', async () => {
    expect(await pruneExpired({ sqlite: database.sqlite, retentionDays: 7, now: () => NOW })).toEqual({ processedKeys: 3, sentPayloads: 3 });
    expect(keys()).toEqual(['msg-1d']);
  });

  it('runs at start and then every interval, until stopped', async () => {
    let clock = NOW - 5 * DAY; // nothing is 40 days old yet but the 40-day rows (35 days then)
    const lines: string[] = [];
    const retention = startRetention({ sqlite: database.sqlite, retentionDays: 30, now: () => clock, intervalMs: 20, log: (line) => lines.push(line) });
    try {
      await vi.waitFor(() => expect(lines).toEqual(['retention: pruned 1 processed-message keys, 1 sent outbox payloads']));
      clock = NOW;
      await vi.waitFor(() => expect(keys()).toEqual(['msg-1d', 'msg-29d']));
    } finally {
      await retention.stop();
    }
    expect(outbox().filter((r) => r.payload === '').map((r) => r.key)).toEqual(['sent-40d', 'sent-31d']);
  });
});
