import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { WeComApiError } from '../../src/errors.js';
import { SOURCE_REFUSALS, startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';

const MEETING = { meetingStart: 1_700_000_000, meetingDuration: 2700 };
let api: FakeWeComApi;
let sleeps: number[];

beforeEach(async () => {
  api = await startFakeWeComApi();
  sleeps = [];
});
afterEach(() => api.close());

const client = () =>
  createWeComClient({ apiBase: api.baseUrl, corpId: 'c', agentId: '1000002', secret: 's', sleep: async (ms) => void sleeps.push(ms), random: () => 0, log: () => {} });
const calls = (name: string) => api.calls.filter((c) => c.api === name);

describe('getMeetingInfo', () => {
  it('returns start, duration and each member with cumulative_time, temporary external users left out', async () => {
    api.addMeeting('M1', { ...MEETING, title: '第3课', attendees: { u1: 2700, u2: 600 }, externalAttendees: { wo1: 2700 } });
    expect(await client().getMeetingInfo('M1')).toEqual({
      meetingid: 'M1',
      title: '第3课',
      ...MEETING,
      status: 3,
      attendees: [
        { userid: 'u1', cumulativeTimeS: 2700 },
        { userid: 'u2', cumulativeTimeS: 600 },
      ],
    });
    expect(calls('meeting/get_info')[0]?.body).toEqual({ meetingid: 'M1' });
  });

  it('refuses a meeting the app may not read with the 会议 fix', async () => {
    api.addMeeting('M1', MEETING);
    api.refuseSource('M1', SOURCE_REFUSALS.noPermission);
    const error = await client().getMeetingInfo('M1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect((error as WeComApiError).hint).toMatch(/会议 → 可调用接口的应用/);
  });

  it('refuses only as many times as told, then answers', async () => {
    api.addMeeting('M1', MEETING);
    api.refuseSource('M1', { errcode: 48002, times: 1 });
    await expect(client().getMeetingInfo('M1')).rejects.toMatchObject({ errcode: 48002 });
    await expect(client().getMeetingInfo('M1')).resolves.toMatchObject({ meetingid: 'M1' });
  });
});

describe('createMeeting', () => {
  const lesson = { adminUserid: 'teacher', title: '第3课', meetingStart: 1_800_000_000, meetingDuration: 3600, invitees: ['u1', 'u2'] };

  it('books the meeting and returns its id, code and join link', async () => {
    const created = await client().createMeeting(lesson);
    expect(created).toEqual({ meetingid: api.created.meetings[0], meetingCode: expect.any(String), link: expect.stringContaining(created.meetingCode ?? '?') });
    expect(calls('meeting/create')[0]?.body).toEqual({
      admin_userid: 'teacher',
      title: '第3课',
      meeting_start: 1_800_000_000,
      meeting_duration: 3600,
      invitees: { userid: ['u1', 'u2'] },
    });
  });

  it('gives a null link where WeCom answers none', async () => {
    const fetch = async (url: string | URL | Request) =>
      Response.json(String(url).includes('gettoken') ? { errcode: 0, access_token: 't', expires_in: 7200 } : { errcode: 0, meetingid: 'm-9' });
    const wecom = createWeComClient({ apiBase: 'http://wecom.test', corpId: 'c', agentId: '1', secret: 's', fetch: fetch as typeof globalThis.fetch, log: () => {} });
    expect(await wecom.createMeeting(lesson)).toEqual({ meetingid: 'm-9', meetingCode: null, link: null });
  });

  it('never books twice after an answer that may hide a booking (HTTP 500)', async () => {
    api.failNext('meeting/create', { status: 500 });
    await expect(client().createMeeting(lesson)).rejects.toMatchObject({ name: 'WeComNetworkError', status: 500 });
    expect(calls('meeting/create')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});
