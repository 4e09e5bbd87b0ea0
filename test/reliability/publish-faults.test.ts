import { afterEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import type { Store } from '../../src/db/db.js';
import { outboxCounts } from '../../src/db/outbox-store.js';
import { startOutboxWorker } from '../../src/outbox/outbox-worker.js';
import { publishAwards } from '../../src/publication/publish-awards.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from '../publication/camp-fixture.js';
import { type FakeWeComApi, type RecordedCall, startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { openTestStore } from '../support/test-store.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A notice as WeCom received it: API, recipient and message type (the certificate upload ids differ per run). */
function noticeOf(call: RecordedCall): string {
  const body = (call.body ?? {}) as { msgtype?: string; toparty?: string };
  const to = call.api === 'webhook/send' ? `chat:${call.chatid}` : [...call.touser, body.toparty ? `party:${body.toparty}` : ''].join('|');
  return `${call.api} ${to} ${body.msgtype ?? call.media?.filename ?? ''}`;
}

/** Publishes the fixture camp and delivers the outbox against `api`; returns the notices delivered (errcode 0). */
async function publishAndDeliver(api: FakeWeComApi, inject: () => void): Promise<string[]> {
  const store: Store = await openTestStore();
  cleanups.push(() => store.close());
  await seedCamp(store, (key) => api.webhookUrl(key));
  await publishAwards({ db: store, certSecret: CERT_SECRET, publicBaseUrl: 'https://camp.example.com' }, CAMP_ID, { by: 'cli', now: PUBLISH_AT });
  inject();
  const client = createWeComClient({ apiBase: api.baseUrl, corpId: 'corp', agentId: '1000002', secret: 's', timeoutMs: 2_000, sleep: async () => {}, log: () => {} });
  let clock = PUBLISH_AT;
  const worker = startOutboxWorker({ store, client, apiBase: api.baseUrl, pollMs: 60_000, now: () => clock, backoff: { baseMs: 1_000, capMs: 1_000 }, maxAttempts: 50, log: () => {} });
  cleanups.push(() => worker.stop());
  const undelivered = async (): Promise<number> => {
    const counts = await outboxCounts(store);
    return counts.pending + counts.sending;
  };
  for (let pass = 0; pass < 100 && (await undelivered()) > 0; pass += 1) {
    await worker.drain();
    clock += 1_000;
  }
  expect(await outboxCounts(store)).toMatchObject({ pending: 0, sending: 0, failed: 0 });
  return api.calls.filter((call) => call.errcode === 0 && call.api !== 'gettoken').map(noticeOf).sort();
}

describe('WeCom API faults during a publish', () => {
  it('timeouts, 5xx, expired tokens (42001) and rate limits (45009): every notice is delivered exactly once in the end', async () => {
    const calm = await startFakeWeComApi();
    cleanups.push(() => calm.close());
    const expected = await publishAndDeliver(calm, () => {});

    const stormy = await startFakeWeComApi();
    cleanups.push(() => stormy.close());
    const delivered = await publishAndDeliver(stormy, () => {
      // A timeout whose late answer is an error: WeCom did not take the message, so it must be sent again.
      stormy.failNext('message/send', { delayMs: 2_500, errcode: -1 });
      stormy.failNext('message/send', { status: 503, times: 3 });
      stormy.failNext('message/send', { errcode: 45009, times: 2 });
      stormy.failNext('message/send', { reset: true });
      stormy.failNext('webhook/send', { status: 500, times: 2 });
      stormy.failNext('webhook/send', { errcode: 45009 });
      stormy.failNext('media/upload', { errcode: -1, times: 2 });
      stormy.failNext('media/upload', { delayMs: 2_500, errcode: -1 });
      stormy.expireTokens();
    });

    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(delivered).toEqual(expected);
    const failures = stormy.calls.filter((call) => call.errcode !== 0 && call.api !== 'gettoken');
    expect(failures.length).toBeGreaterThanOrEqual(12);
  });
});
