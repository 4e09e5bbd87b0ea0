import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient, type WeComClientOptions } from '../../src/bot/wecom-client.js';
import { WeComApiError, WeComNetworkError } from '../../src/errors.js';
import { SOURCE_REFUSALS, startFakeWeComApi, type FakeWeComApi, UNKNOWN_SOURCE_ERRCODE } from '../../src/fake-wecom/fake-wecom-api.js';

const LIVE = { livingStart: 1_700_000_000, livingDuration: 3600 };
let api: FakeWeComApi;
let sleeps: number[];

beforeEach(async () => {
  api = await startFakeWeComApi();
  sleeps = [];
});
afterEach(() => api.close());

function client(overrides: Partial<WeComClientOptions> = {}) {
  return createWeComClient({
    apiBase: api.baseUrl,
    corpId: 'ww-corp',
    agentId: '1000002',
    secret: 's',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    log: () => {},
    ...overrides,
  });
}
const calls = (name: string) => api.calls.filter((c) => c.api === name);

describe('getWatchStat', () => {
  it('pages by next_key until ending is 1 and returns every member, external viewers left out', async () => {
    const viewers = { u1: 1800, u2: 60, u3: 2400, u4: 0, u5: 3600 };
    api.addLiving('L1', { ...LIVE, viewers, externalViewers: { wx1: 3000 } });
    api.setWatchStatPageSize(2);
    const result = await client().getWatchStat('L1');
    expect(result).toEqual(Object.entries(viewers).map(([userid, watchTimeS]) => ({ userid, watchTimeS })));
    expect(calls('living/get_watch_stat').map((c) => c.body)).toEqual([
      { livingid: 'L1', next_key: '0' },
      { livingid: 'L1', next_key: '2' },
      { livingid: 'L1', next_key: '4' },
    ]);
  });

  it('stops at a page that ends exactly on the last member, and on a live nobody watched', async () => {
    api.addLiving('L2', { ...LIVE, viewers: { a: 1, b: 2, c: 3, d: 4 } });
    api.addLiving('L3', { ...LIVE });
    api.setWatchStatPageSize(2);
    expect(await client().getWatchStat('L2')).toHaveLength(4);
    expect(await client().getWatchStat('L3')).toEqual([]);
    expect(calls('living/get_watch_stat')).toHaveLength(3);
  });

  it('waits out a frequency limit (45009) and carries on', async () => {
    api.addLiving('L1', { ...LIVE, viewers: { u1: 100 } });
    api.refuseSource('L1', SOURCE_REFUSALS.slowDown);
    expect(await client().getWatchStat('L1')).toEqual([{ userid: 'u1', watchTimeS: 100 }]);
    expect(sleeps).toEqual([5000]);
  });

  it('refuses a live the app may not read with errcode 48002 and the fix in Chinese, asking once', async () => {
    api.addLiving('L1', { ...LIVE, viewers: { u1: 100 } });
    api.refuseSource('L1', SOURCE_REFUSALS.noPermission);
    const error = await client().getWatchStat('L1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error).toMatchObject({ errcode: 48002, api: 'living/get_watch_stat' });
    expect((error as WeComApiError).hint).toMatch(/直播 → 可调用接口的应用.*本应用创建的直播/);
    expect(calls('living/get_watch_stat')).toHaveLength(1);
  });

  it('names an unknown id with its own hint', async () => {
    const error = await client().getWatchStat('nope').catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: UNKNOWN_SOURCE_ERRCODE });
    expect((error as WeComApiError).hint).toContain('sources');
  });

  it('gives up on an answer whose next_key does not advance instead of looping', async () => {
    const stuck = { errcode: 0, errmsg: 'ok', ending: 0, next_key: '0', stat_info: { users: [] } };
    let pages = 0;
    const fetch = async (url: string | URL | Request) =>
      Response.json(String(url).includes('gettoken') ? { errcode: 0, access_token: 't', expires_in: 7200 } : (pages++, stuck));
    const error = await client({ fetch: fetch as typeof globalThis.fetch }).getWatchStat('L1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComNetworkError);
    expect((error as Error).message).toContain('next_key');
    expect(pages).toBe(1);
  });
});

describe('getLivingInfo and createLiving', () => {
  it('reads start, duration and status, sending the id in the query and the body', async () => {
    api.addLiving('L1', { ...LIVE, status: 2, theme: '第3课' });
    expect(await client().getLivingInfo('L1')).toEqual({ livingid: 'L1', theme: '第3课', ...LIVE, status: 'ended' });
    const [call] = calls('living/get_living_info');
    expect([call?.method, call?.query.livingid, call?.body]).toEqual(['POST', 'L1', { livingid: 'L1' }]);
  });

  it('creates a live of type 企业培训 that can then be read', async () => {
    const wecom = client();
    const livingid = await wecom.createLiving({ anchorUserid: 'teacher', theme: '第4课', livingStart: 1_800_000_000, livingDuration: 5400 });
    expect(api.created.livings).toEqual([livingid]);
    expect(calls('living/create')[0]?.body).toEqual({ anchor_userid: 'teacher', theme: '第4课', living_start: 1_800_000_000, living_duration: 5400, type: 3 });
    expect(await wecom.getLivingInfo(livingid)).toMatchObject({ livingStart: 1_800_000_000, livingDuration: 5400, status: 'reserved' });
  });

  it('does not repeat a creation WeCom may have run (errcode -1), but does after a frequency limit', async () => {
    const live = { anchorUserid: 'teacher', theme: '第4课', livingStart: 1_800_000_000, livingDuration: 5400 };
    api.failNext('living/create', { errcode: -1 });
    await expect(client().createLiving(live)).rejects.toMatchObject({ errcode: -1 });
    api.failNext('living/create', { errcode: 45009 });
    await client().createLiving(live);
    expect(calls('living/create').map((c) => c.errcode)).toEqual([-1, 45009, 0]);
  });
});
