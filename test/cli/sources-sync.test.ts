import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { importRoster } from '../../src/db/roster-store.js';
import { SOURCE_REFUSALS, startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const NOW = Date.now();
const ENDED = { start: Math.floor(NOW / 1000) - 7200, duration: 3600 };
const SOURCES = `sources:
  living: [{ id: L1, lesson: 1, minWatchMinutes: 20 }]
  meetings: [{ id: M1, session: 第1课, minMinutes: 30 }, { id: M2, session: 第2课, minMinutes: 30 }]
`;
const ENV_KEYS = ['WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_API_BASE'] as const;

describe(`camp-bot sources sync (${testEngine()})`, () => {
  let db: SharedTestDb;
  let api: FakeWeComApi;
  let store: Store;
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

  beforeEach(async () => {
    db = await sharedTestDb();
    api = await startFakeWeComApi({ corpId: 'wwcli', secret: 'cli-secret' });
    Object.assign(process.env, { WECOM_CORP_ID: 'wwcli', WECOM_SECRET: 'cli-secret', WECOM_API_BASE: api.baseUrl });
    store = await db.open();
    await saveCamp(store, parseCampFile(sampleCampYaml(NOW, SOURCES)), NOW);
    await importRoster(store, CAMP_ID, ROSTER);
    api.addLiving('L1', { livingStart: ENDED.start, livingDuration: ENDED.duration, viewers: { ming: 1200, hong: 60 } });
    api.addMeeting('M1', { meetingStart: ENDED.start, meetingDuration: ENDED.duration, attendees: { gang: 1800 } });
    api.addMeeting('M2', { meetingStart: ENDED.start, meetingDuration: ENDED.duration, attendees: { li: 1800 } });
  });
  afterEach(async () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await api.close();
    await db.cleanup();
  });

  it('pulls every source, says what each recorded and exits 0; again, nothing new', async () => {
    const io = captureIo();
    expect(await main(['sources', 'sync', CAMP_ID], io)).toBe(0);
    expect(io.stdout).toEqual(['直播 L1（第 1 课）：新记录 1 条', '会议 M1（课次「第1课」）：新记录 2 条', '会议 M2（课次「第2课」）：新记录 2 条']);
    expect(io.stderr).toEqual([]);
    const again = captureIo();
    expect(await main(['sources', 'sync', CAMP_ID], again)).toBe(0);
    expect(again.stdout.every((line) => line.endsWith('新记录 0 条'))).toBe(true);
    expect((await listEvents(store, { campId: CAMP_ID })).length).toBe(5);
  });

  it('exits 1 naming the refused source, its errcode and the fix; the others are recorded, the trainers told', async () => {
    api.refuseSource('M1', SOURCE_REFUSALS.noPermission);
    const io = captureIo();
    expect(await main(['sources', 'sync', CAMP_ID], io)).toBe(1);
    expect(io.stderr).toEqual([
      'camp-bot: 无法读取会议 M1（课次「第1课」）：企业微信 errcode 48002 — 本应用无权调用会议接口：请在管理后台「应用管理 → 会议 → 可调用接口的应用」中加入本应用；且只能读取本应用创建的会议',
    ]);
    expect(io.stdout).toEqual(['直播 L1（第 1 课）：新记录 1 条', '会议 M2（课次「第2课」）：新记录 2 条']);
    const events = await listEvents(store, { campId: CAMP_ID });
    expect(events.map((e) => [e.type, e.userid, e.ref])).toEqual([['lesson', 'ming', 'L1'], ['checkin', 'li', '第2课'], ['session', null, '第2课']]);
    expect((await listOutbox(store)).filter((row) => row.dedupeKey === `sources:refused:${CAMP_ID}:meeting:M1:48002`)).toHaveLength(1);
  });

  it('refuses bad usage, an unknown camp, and a missing secret with one line each', async () => {
    const usage = captureIo();
    expect(await main(['sources', 'sync'], usage)).toBe(2);
    const unknown = captureIo();
    expect(await main(['sources', 'sync', 'nope'], unknown)).toBe(1);
    expect(unknown.stderr).toEqual(['camp-bot: 找不到训练营 nope（先运行 camp apply）']);
    delete process.env.WECOM_SECRET;
    const unset = captureIo();
    expect(await main(['sources', 'sync', CAMP_ID], unset)).toBe(1);
    expect(unset.stderr).toEqual(['camp-bot: WECOM_SECRET is required (see .env.example)']);
    expect(api.calls).toEqual([]);
  });
});
