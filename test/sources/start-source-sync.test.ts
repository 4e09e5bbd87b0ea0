import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient, type WeComClient } from '../../src/bot/wecom-client.js';
import { localDateOf } from '../../src/camp/time-zone.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { importRoster } from '../../src/db/roster-store.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { startSourceSync, type SourceSync } from '../../src/sources/start-source-sync.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const SOURCES = 'sources: { meetings: [{ id: M1, session: 第1课, minMinutes: 1 }] }';
const DAY = 86_400_000;

let store: Store;
let api: FakeWeComApi;
let client: WeComClient;
let logs: string[];
const syncs: SourceSync[] = [];

beforeEach(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile(sampleCampYaml(Date.now(), SOURCES)), Date.now());
  await importRoster(store, CAMP_ID, ROSTER);
  api = await startFakeWeComApi();
  client = createWeComClient({ apiBase: api.baseUrl, corpId: 'c', agentId: '1', secret: 's', sleep: async () => {}, log: () => {} });
  logs = [];
});
afterEach(async () => {
  for (const sync of syncs.splice(0)) await sync.stop();
  await api.close();
  await store.close();
});

function start(holder: string, afterEndMs?: number): SourceSync {
  const sync = startSourceSync({ db: store, client, holder, log: (line) => void logs.push(`${holder} ${line}`), intervalMs: 3_600_000, afterEndMs });
  syncs.push(sync);
  return sync;
}
const infoCalls = () => api.calls.filter((c) => c.api === 'meeting/get_info').length;
const nowS = () => Math.floor(Date.now() / 1000);

describe(`serve's own pulling of WeCom sources (${testEngine()})`, () => {
  it('pulls at start; with two instances only the lease holder pulls, and the other takes over once it stops', async () => {
    api.addMeeting('M1', { meetingStart: nowS() - 7200, meetingDuration: 3600, attendees: { ming: 3000 } });
    const a = start('a');
    const b = start('b');
    await Promise.all([a.pullNow(), b.pullNow()]);
    expect(infoCalls()).toBe(2);
    expect(logs).toEqual([expect.stringMatching(/^[ab] sources: ai-test: 会议 M1（课次「第1课」）：新记录 2 条$/)]);
    const holder = logs[0]!.startsWith('a') ? a : b;
    const other = holder === a ? b : a;
    await holder.stop();
    await other.pullNow();
    expect(infoCalls()).toBe(3);
    expect(await listEvents(store, { campId: CAMP_ID })).toHaveLength(2);
  });

  it('pulls a source once more shortly after its end', async () => {
    const end = nowS() + 1;
    api.addMeeting('M1', { meetingStart: end - 3600, meetingDuration: 3600, status: 2, attendees: { ming: 3000 } });
    const sync = start('a', 100);
    await sync.pullNow();
    expect(await listEvents(store, { campId: CAMP_ID })).toEqual([]);
    api.addMeeting('M1', { meetingStart: end - 3600, meetingDuration: 3600, status: 3, attendees: { ming: 3000 } });
    const deadline = Date.now() + 5_000;
    while ((await listEvents(store, { campId: CAMP_ID })).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await listEvents(store, { campId: CAMP_ID })).map((e) => [e.type, e.happenedAt])).toEqual([['checkin', end * 1000], ['session', end * 1000]]);
  });

  it('leaves alone a camp that is over', async () => {
    const old = Date.now() - 60 * DAY;
    const yaml = sampleCampYaml(old, SOURCES).replace(/ends: .*/, `ends: ${localDateOf(old + 10 * DAY, 'Asia/Shanghai')}`);
    await saveCamp(store, parseCampFile(yaml), Date.now());
    api.addMeeting('M1', { meetingStart: nowS() - 7200, meetingDuration: 3600, attendees: { ming: 3000 } });
    await start('a').pullNow();
    expect(infoCalls()).toBe(0);
  });
});
