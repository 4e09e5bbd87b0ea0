import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import type { Store } from '../../src/db/db.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { currentPublication } from '../../src/db/publication-store.js';
import { ConfigError } from '../../src/errors.js';
import { checkCertificate } from '../../src/verify-page/check-certificate.js';
import { startOutboxWorker } from '../../src/outbox/outbox-worker.js';
import { AlreadyPublished, publishAwards } from '../../src/publication/publish-awards.js';
import { startFakeWeComApi, type FakeWeComApi, type RecordedCall } from '../../src/fake-wecom/fake-wecom-api.js';
import { openTestStore } from '../support/test-store.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from './camp-fixture.js';

const markdownOf = (call: RecordedCall): string => (call.body as { markdown: { content: string } }).markdown.content;

describe('publishAwards', () => {
  let api: FakeWeComApi;
  let store: Store;
  const deps = () => ({ db: store, certSecret: CERT_SECRET, publicBaseUrl: 'https://camp.example.com' });
  const deliver = async () => {
    const client = createWeComClient({ apiBase: api.baseUrl, corpId: 'corp', agentId: '1000002', secret: 's', sleep: async () => {}, log: () => {} });
    // One lane: WeCom gets the messages in the order they were queued, so the assertions below can list them in order.
    const worker = startOutboxWorker({
      store, client, apiBase: api.baseUrl, pollMs: 60_000, now: () => PUBLISH_AT + 3_600_000, concurrency: 1, log: () => {},
    });
    await worker.drain();
    await worker.stop();
  };

  beforeEach(async () => {
    api = await startFakeWeComApi();
    store = await openTestStore();
    await seedCamp(store, (key) => api.webhookUrl(key));
  });
  afterEach(async () => {
    await store.close();
    await api.close();
  });

  it('announces in every chat, sends each winner a certificate and the admins the prize list', async () => {
    const outcome = await publishAwards(deps(), CAMP_ID, { by: 'cli', now: PUBLISH_AT });
    // top: u1 (exam 90); best-team: team A (mean 85 > 65) → u1 and u2.
    expect(outcome.result.winners.map((w) => [w.award, w.userid, w.team, w.rank, w.value])).toEqual([
      ['top', 'u1', null, 1, 90],
      ['best-team', 'u1', 'A', 1, 85],
      ['best-team', 'u2', 'A', 1, 85],
    ]);
    await deliver();
    const posts = api.delivered('webhook/send');
    expect(posts.map((p) => [p.query.key, p.chatid])).toEqual([['A', 'wrChatA'], ['B', 'wrChatB']]);
    for (const post of posts) {
      expect(markdownOf(post)).toContain('**考试之星**');
      expect(markdownOf(post)).toContain('**最佳团队奖**');
      expect(markdownOf(post)).toContain('张三（90.00）');
      expect(markdownOf(post)).toContain('A队（85.00）：张三、李四');
      expect(markdownOf(post)).not.toContain('取代');
    }

    const sends = api.delivered('message/send');
    const images = sends.filter((s) => (s.body as { msgtype: string }).msgtype === 'image');
    expect(images.map((s) => s.touser)).toEqual([['u1'], ['u1'], ['u2']]);
    const uploads = api.delivered('media/upload');
    expect(uploads.filter((u) => u.query.type === 'image').map((u) => u.media?.filename)).toEqual([
      '证书-top-u1.png', '证书-best-team-u1.png', '证书-best-team-u2.png',
    ]);
    expect(uploads.filter((u) => u.query.type === 'image').every((u) => (u.media?.size ?? 0) > 10_000)).toBe(true);
    const cards = sends.filter((s) => (s.body as { msgtype: string }).msgtype === 'textcard');
    const code = outcome.result.winners[0]!.certificate;
    expect(cards[0]!.body).toMatchObject({ touser: 'u1', textcard: { url: `https://camp.example.com/verify/${code}` } });

    const adminSends = sends.filter((s) => (s.body as { toparty?: string }).toparty === '12');
    expect(adminSends.map((s) => (s.body as { msgtype: string }).msgtype)).toEqual(['text', 'file']);
    expect(adminSends[0]!.touser).toEqual(['admin1']);
    expect(uploads.filter((u) => u.query.type === 'file').map((u) => u.media?.filename)).toEqual([`获奖名单-${CAMP_ID}-1.csv`]);
    expect(await checkCertificate(store, CERT_SECRET, code)).toMatchObject({ genuine: true, userid: 'u1', award: 'top' });
  });

  it('refuses a second publish without force and sends nothing more', async () => {
    const first = await publishAwards(deps(), CAMP_ID, { by: 'cli', now: PUBLISH_AT });
    await deliver();
    const before = api.calls.length;
    await expect(publishAwards(deps(), CAMP_ID, { by: 'cli', now: PUBLISH_AT + 60_000 })).rejects.toThrow(AlreadyPublished);
    await deliver();
    expect(api.calls.length).toBe(before);
    expect(await currentPublication(store, CAMP_ID)).toMatchObject({ id: first.publicationId, supersededBy: null });
  });

  it('with force supersedes the previous result and says so', async () => {
    const first = await publishAwards(deps(), CAMP_ID, { by: 'cli', now: PUBLISH_AT });
    await deliver();
    const second = await publishAwards(deps(), CAMP_ID, { by: 't1', force: true, now: PUBLISH_AT + 60_000 });
    expect(second.result.supersedes).toBe(first.publicationId);
    await deliver();
    const posts = api.delivered('webhook/send');
    expect(posts).toHaveLength(4);
    expect(markdownOf(posts[2]!)).toContain('取代 2026-12-04 18:00 发布的结果');
    const oldCode = first.result.winners[0]!.certificate;
    expect(await checkCertificate(store, CERT_SECRET, oldCode)).toMatchObject({ genuine: false, superseded: true });
    expect((await checkCertificate(store, CERT_SECRET, second.result.winners[0]!.certificate)).genuine).toBe(true);
  });

  it('publishes nothing without CERT_SECRET', async () => {
    await expect(publishAwards({ ...deps(), certSecret: null }, CAMP_ID, { by: 'cli', now: PUBLISH_AT })).rejects.toThrow(ConfigError);
    expect(await currentPublication(store, CAMP_ID)).toBeNull();
    expect(await listOutbox(store)).toEqual([]);
  });
});
