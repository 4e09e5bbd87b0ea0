import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { loadCampStandings } from '../../src/db/camp-standings.js';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { importRoster } from '../../src/db/roster-store.js';
import { SOURCE_REFUSALS, startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { syncCampSources, type SourceOutcome } from '../../src/sources/sync-camp-sources.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const NOW = Date.now();
const HOUR_S = 3600;
const nowS = Math.floor(NOW / 1000);
/** A live of lesson 2 that ended an hour ago, and a meeting of session 第2课 that ended half an hour ago. */
const LIVE = { livingStart: nowS - 3 * HOUR_S, livingDuration: 2 * HOUR_S };
const MEETING = { meetingStart: nowS - 2 * HOUR_S, meetingDuration: 1.5 * HOUR_S };
const LIVE_END = (LIVE.livingStart + LIVE.livingDuration) * 1000;
const MEETING_END = (MEETING.meetingStart + MEETING.meetingDuration) * 1000;

const SOURCES = `sources:
  living: [{ id: L1, lesson: 2, minWatchMinutes: 30 }]
  meetings: [{ id: M1, session: 第2课, minMinutes: 45 }, { id: M2, session: 第3课, minMinutes: 45 }]
`;

let store: Store;
let api: FakeWeComApi;

beforeEach(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile(sampleCampYaml(NOW, SOURCES)), NOW);
  await importRoster(store, CAMP_ID, ROSTER);
  api = await startFakeWeComApi({ watchStatPageSize: 2 });
  // 30 min watched is exactly the threshold; a second less is not. `outsider` is not on the roster, zhang is a trainer.
  api.addLiving('L1', { ...LIVE, viewers: { ming: 1800, hong: 1799, gang: 5000, outsider: 9999, zhang: 4000 } });
  api.addMeeting('M1', { ...MEETING, attendees: { ming: 2700, li: 2699, hua: 3000, stranger: 3000 } });
  api.addMeeting('M2', { ...MEETING, attendees: { hong: 3000 } });
});
afterEach(async () => {
  await api.close();
  await store.close();
});

const client = () =>
  createWeComClient({ apiBase: api.baseUrl, corpId: 'c', agentId: '1000002', secret: 's', sleep: async () => {}, random: () => 0, log: () => {} });
const sync = () => syncCampSources({ db: store, client: client(), now: () => NOW }, CAMP_ID);
const summary = (outcomes: SourceOutcome[]) =>
  outcomes.map((o) => [o.source.id, o.kind, o.kind === 'recorded' ? o.added : o.kind === 'refused' ? o.error.errcode : null]);
const wecomEvents = async () =>
  (await listEvents(store, { campId: CAMP_ID })).map(({ type, userid, num, ref, actor, source, happenedAt, note, dedupeKey }) => (
    { type, userid, num, ref, actor, source, happenedAt, note, dedupeKey }));

describe(`sources sync through the fake WeCom API (${testEngine()})`, () => {
  it('pages the watch statistics, counts enrolled learners at the threshold, and closes the meeting\'s session at its end', async () => {
    expect(summary(await sync())).toEqual([['L1', 'recorded', 2], ['M1', 'recorded', 3], ['M2', 'recorded', 2]]);
    expect(api.calls.filter((c) => c.api === 'living/get_watch_stat').map((c) => (c.body as { next_key: string }).next_key)).toEqual(['0', '2', '4']);
    const events = await wecomEvents();
    expect(events.filter((e) => e.type === 'lesson')).toEqual([
      { type: 'lesson', userid: 'gang', num: 2, ref: 'L1', actor: 'wecom', source: 'wecom', happenedAt: LIVE_END, note: '直播 L1 观看 83.33 分钟', dedupeKey: `wecom:${CAMP_ID}:living:L1:lesson:2:gang` },
      { type: 'lesson', userid: 'ming', num: 2, ref: 'L1', actor: 'wecom', source: 'wecom', happenedAt: LIVE_END, note: '直播 L1 观看 30.00 分钟', dedupeKey: `wecom:${CAMP_ID}:living:L1:lesson:2:ming` },
    ]);
    const m1 = events.filter((e) => e.note?.startsWith('会议 M1'));
    expect(m1.map((e) => [e.type, e.userid, e.ref, e.happenedAt, e.source])).toEqual([
      ['checkin', 'hua', '第2课', MEETING_END, 'wecom'],
      ['checkin', 'ming', '第2课', MEETING_END, 'wecom'],
      ['session', null, '第2课', MEETING_END, 'wecom'],
    ]);
    const standings = await loadCampStandings(store, CAMP_ID, NOW);
    const raw = (userid: string, metric: 'completion' | 'attendance') => standings.rows.find((r) => r.userid === userid)?.metrics[metric]?.raw;
    expect([raw('ming', 'completion'), raw('hong', 'completion'), raw('ming', 'attendance'), raw('li', 'attendance'), raw('hong', 'attendance')]).toEqual([1, 0, 1, 0, 1]);
  });

  it('records nothing new when pulled again; a viewer who has passed the threshold since is all that is new', async () => {
    await sync();
    const before = await listEvents(store);
    expect(summary(await sync())).toEqual([['L1', 'recorded', 0], ['M1', 'recorded', 0], ['M2', 'recorded', 0]]);
    expect(await listEvents(store)).toEqual(before);
    // A replay watched later pushes hong over the threshold: only that is new.
    api.addLiving('L1', { ...LIVE, viewers: { ming: 1800, hong: 2400, gang: 5000 } });
    expect(summary(await sync())[0]).toEqual(['L1', 'recorded', 1]);
    expect((await listEvents(store)).length).toBe(before.length + 1);
  });

  it('records the sources WeCom gives, refuses the one it does not, and tells the trainers once', async () => {
    api.refuseSource('M2', SOURCE_REFUSALS.noPermission);
    const outcomes = await sync();
    expect(summary(outcomes)).toEqual([['L1', 'recorded', 2], ['M1', 'recorded', 3], ['M2', 'refused', 48002]]);
    expect((await wecomEvents()).filter((e) => e.ref === '第3课' || e.note?.includes('M2'))).toEqual([]);
    await sync();
    const notices = (await listOutbox(store, { campId: CAMP_ID })).filter((row) => row.dedupeKey?.startsWith('sources:refused:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toEqual({
      touser: ['zhang'],
      message: { msgtype: 'text', content: expect.stringMatching(/会议 M2（课次「第3课」）（errcode 48002）.*会议 → 可调用接口的应用/) },
    });
  });

  it('tells the trainers once when WeCom keeps slowing the app down, and records the live at a later pull', async () => {
    api.refuseSource('L1', { errcode: 45009, errmsg: 'api freq out of limit', times: 5 });
    expect(summary(await sync())[0]).toEqual(['L1', 'refused', 45009]);
    expect(summary(await sync())[0]).toEqual(['L1', 'recorded', 2]);
    const notices = (await listOutbox(store, { campId: CAMP_ID })).filter((row) => row.dedupeKey?.startsWith('sources:refused:'));
    expect(notices.map((row) => (row.payload as { message: { content: string } }).message.content)).toEqual([
      expect.stringMatching(/直播 L1（第 2 课）（errcode 45009）。直播接口调用超过频率限制，已放慢，稍后会再拉取$/),
    ]);
  });

  it('refuses an id WeCom does not know (40058) with the fix', async () => {
    const yaml = sampleCampYaml(NOW, 'sources: { living: [{ id: NOPE, lesson: 1, minWatchMinutes: 10 }] }');
    await saveCamp(store, parseCampFile(yaml), NOW);
    const [outcome] = await sync();
    expect(outcome).toMatchObject({ kind: 'refused', error: { errcode: 40058, hint: expect.stringMatching(/sources 里的 id/) } });
  });

  it('waits for a source that has not ended, and records nothing of a cancelled meeting', async () => {
    api.addLiving('L1', { livingStart: nowS - 600, livingDuration: HOUR_S, status: 1, viewers: { ming: 600 } });
    api.addMeeting('M2', { ...MEETING, status: 4, attendees: { hong: 3000 } });
    const outcomes = await sync();
    expect(outcomes[0]).toEqual({ source: expect.objectContaining({ id: 'L1' }), kind: 'upcoming', endsAt: (nowS - 600 + HOUR_S) * 1000 });
    expect(outcomes[2]).toMatchObject({ kind: 'called-off' });
    expect(api.calls.filter((c) => c.api === 'living/get_watch_stat')).toEqual([]);
    expect((await wecomEvents()).map((e) => e.ref)).toEqual(['第2课', '第2课', '第2课']);
  });

  it('records a source all or nothing: a later page that fails leaves the whole live unrecorded', async () => {
    const failSecondPage: typeof fetch = async (input, init) => {
      if (String(init?.body ?? '').includes('"next_key":"2"')) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const flaky = createWeComClient({ apiBase: api.baseUrl, corpId: 'c', agentId: '1', secret: 's', fetch: failSecondPage, sleep: async () => {}, log: () => {} });
    const outcomes = await syncCampSources({ db: store, client: flaky, now: () => NOW }, CAMP_ID);
    expect(summary(outcomes)).toEqual([['L1', 'unreachable', null], ['M1', 'recorded', 3], ['M2', 'recorded', 2]]);
    expect(api.calls.filter((c) => c.api === 'living/get_watch_stat')).toHaveLength(1);
    expect((await wecomEvents()).filter((e) => e.type === 'lesson')).toEqual([]);
  });
});
