import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient, type WeComClient } from '../../src/bot/wecom-client.js';
import { localDateOf, zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import { createdSourceById } from '../../src/db/created-sources.js';
import { openSession } from '../../src/db/ledger-queries.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/outbox/outbox-worker.js';
import { createWeComSource } from '../../src/sources/create-wecom-source.js';
import { syncCampSources } from '../../src/sources/sync-camp-sources.js';
import { CAMP_ID, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

let f: CampFixture;
let api: FakeWeComApi;
let client: WeComClient;
let worker: OutboxWorker;
let webhook: string;

beforeEach(async () => {
  f = await startCampFixture();
  api = await startFakeWeComApi();
  webhook = api.webhookUrl('GROUP');
  client = createWeComClient({ apiBase: api.baseUrl, corpId: 'c', agentId: '1000002', secret: 's', sleep: async () => {}, log: () => {} });
  worker = startOutboxWorker({ store: f.store, client, apiBase: api.baseUrl, pollMs: 60_000, log: () => {}, createSource: (id) => createWeComSource({ db: f.store, client }, id) });
});
afterEach(async () => {
  await worker.stop();
  await api.close();
  await f.close();
});

/** A group message from the bound chat whose robot webhook is the fake's (where created links are posted). */
const group = (from: string, text: string) => f.group(from, text, { webhookUrl: webhook });
const posts = () => api.delivered('webhook/send').map((call) => (call.body as { text?: { content: string } }).text?.content ?? '');
const appTexts = () => api.delivered('message/send').map((call) => [call.touser, (call.body as { text?: { content: string } }).text?.content]);

describe('/session open <name> 会议', () => {
  it('opens the session, has WeCom create the meeting after the commit, posts its link, and reads it as the session\'s source', async () => {
    const opened = await f.delta(() => group('zhang', '/session open 第3课 会议 90'));
    expect(opened.added).toMatchObject([{ type: 'session_open', ref: '第3课', actor: 'zhang' }]);
    expect(opened.result).toBe(`课次「第3课」已开始，学员可发送 /签到，已记录 #${opened.added[0]!.id}；正在创建企业微信会议（90 分钟，在会满 45 分钟自动签到，会后自动结束课次），入会链接稍后发到群里`);
    expect(api.calls.filter((c) => c.api === 'meeting/create')).toEqual([]);
    expect(await createdSourceById(f.store, 1)).toMatchObject({ kind: 'meeting', target: '第3课', status: 'pending', minMinutes: 45, durationS: 5400 });

    const started = Date.now();
    await worker.drain();
    const [meetingId] = api.created.meetings;
    const body = api.calls.find((c) => c.api === 'meeting/create')!.body as Record<string, number | string>;
    expect(body).toMatchObject({ admin_userid: 'zhang', title: '第3课', meeting_duration: 5400 });
    expect(Number(body.meeting_start) * 1000).toBeGreaterThanOrEqual(started + 60_000);
    expect(await createdSourceById(f.store, 1)).toMatchObject({ status: 'created', wecomId: meetingId, link: expect.stringContaining('https://meeting.tencent.com/') });
    expect(posts()).toEqual([expect.stringMatching(/^📹 课次「第3课」的企业微信会议已创建：.*入会链接：https:\/\/meeting\.tencent\.com\/dm\/\d+\n在会满 45 分钟自动签到。$/s)]);

    // The meeting is held and ends; the pull checks in who stayed long enough and closes the session at its end.
    const end = Math.floor(Date.now() / 1000) - 60;
    api.addMeeting(meetingId!, { meetingStart: end - 5400, meetingDuration: 5400, status: 3, attendees: { ming: 2700, hong: 2699 } });
    const synced = await f.delta(() => syncCampSources({ db: f.store, client }, CAMP_ID));
    expect(synced.added.map((e) => [e.type, e.userid, e.ref, e.source, e.happenedAt])).toEqual([
      ['checkin', 'ming', '第3课', 'wecom', end * 1000],
      ['session', null, '第3课', 'wecom', end * 1000],
    ]);
    expect(await openSession(f.store, CAMP_ID)).toBeUndefined();
    await worker.drain();
    expect(api.created.meetings).toHaveLength(1);
  });

  it('tells the trainer when WeCom refuses to create it; the session stays open for /签到', async () => {
    api.failNext('meeting/create', { errcode: 48002, errmsg: 'api forbidden' });
    await group('zhang', '/课次 开始 第3课 会议');
    await worker.drain();
    expect(await createdSourceById(f.store, 1)).toMatchObject({ status: 'failed', error: 'errcode 48002: api forbidden', wecomId: null });
    expect(appTexts()).toEqual([[['zhang'], expect.stringMatching(/^⚠️ 企业微信没有创建课次「第3课」的会议（errcode 48002）。本应用无权调用会议接口/)]]);
    expect(posts()).toEqual([]);
    expect((await f.delta(() => f.group('ming', '/签到'))).added).toMatchObject([{ type: 'checkin', userid: 'ming', ref: '第3课' }]);
  });

  it('sends the link to the trainer when asked in the 1:1 chat', async () => {
    expect(await f.app('zhang', '/session open 第3课 会议 45')).toMatch(/入会链接稍后发到这里$/);
    await worker.drain();
    expect(appTexts()).toEqual([[['zhang'], expect.stringContaining('入会链接：https://meeting.tencent.com/')]]);
  });

  it('refuses a meeting length out of range and learners, changing nothing; a name ending in other words stays a plain session', async () => {
    const short = await f.delta(() => group('zhang', '/session open 第3课 会议 3'));
    expect(short).toMatchObject({ added: [], result: expect.stringMatching(/^时长（分钟）须为 5–720 的整数，收到 3/) });
    const learner = await f.delta(() => group('ming', '/session open 第3课 会议'));
    expect(learner.added).toEqual([]);
    expect(await listOutbox(f.store)).toEqual([]);
    const plain = await f.delta(() => group('zhang', '/session open 会议 复盘'));
    expect(plain.added).toMatchObject([{ type: 'session_open', ref: '会议 复盘' }]);
    expect(await createdSourceById(f.store, 1)).toBeUndefined();
  });
});

describe('/lesson live (/直播)', () => {
  const tomorrow = () => `${localDateOf(Date.now() + 86_400_000, 'Asia/Shanghai')}T20:00`;

  it('has WeCom create a live of type 企业培训 for the lesson, announces it, and its viewers complete the lesson', async () => {
    const at = tomorrow();
    expect(await group('zhang', `/直播 2 提示词工程 ${at} 90`)).toBe(`正在创建第 2 课直播「提示词工程」（${at.replace('T', ' ')} 开始，90 分钟；观看满 45 分钟记为完成），创建后通知发到群里`);
    await worker.drain();
    const [livingId] = api.created.livings;
    expect(api.calls.find((c) => c.api === 'living/create')!.body).toEqual({
      anchor_userid: 'zhang', theme: '提示词工程', living_start: zonedTimeToUtcMs(at, 'Asia/Shanghai') / 1000, living_duration: 5400, type: 3,
    });
    expect(posts()).toEqual([`📺 第 2 课直播「提示词工程」已预约：${at.replace('T', ' ')} 开始，90 分钟，请在企业微信「工作台 → 直播」观看。\n观看满 45 分钟自动记为完成第 2 课。`]);

    const end = Math.floor(Date.now() / 1000) - 60;
    api.addLiving(livingId!, { livingStart: end - 5400, livingDuration: 5400, status: 2, viewers: { gang: 2700, li: 100 } });
    const synced = await f.delta(() => syncCampSources({ db: f.store, client }, CAMP_ID));
    expect(synced.added.map((e) => [e.type, e.userid, e.num, e.ref, e.source])).toEqual([['lesson', 'gang', 2, livingId, 'wecom']]);
  });

  it('refuses a lesson out of range, a missing or too long title, a past start and learners, changing nothing', async () => {
    expect(await group('zhang', '/直播 9 提示词')).toMatch(/^课程编号须为 1–4 的整数，收到 9/);
    expect(await group('zhang', '/lesson live 2')).toMatch(/^缺少直播标题/);
    expect(await group('zhang', '/直播 2 一二三四五六七八九十一二三四五六七八九十一')).toMatch(/^直播标题最长 20 个字/);
    expect(await group('zhang', '/直播 2 提示词 2020-01-01T20:00')).toMatch(/^开始时间 2020-01-01T20:00 已过/);
    expect(await group('ming', '/直播 2 提示词')).toMatch(/仅限培训老师使用/);
    expect(await listOutbox(f.store)).toEqual([]);
    expect(await createdSourceById(f.store, 1)).toBeUndefined();
  });
});
