/**
 * The fake WeCom API's live-lesson and meeting endpoints (for tests and the demo only): lives and meetings a test
 * sets up, paged watch statistics, refusals per id, and creation.
 */
import { fail, nextId, ok, requireToken } from './fake-api-answers.js';
import type { Answer, FakeApiName, FakeState, Handler, HandlerContext, SourceRefusal } from './fake-api-types.js';

/** What the fake answers for a live or meeting id it does not hold (WeCom's 不合法的参数). */
export const UNKNOWN_SOURCE_ERRCODE = 40058;

/** Ready-made refusals for `refuseSource`. */
export const SOURCE_REFUSALS = {
  /** The app is not in 直播/会议 → 可调用接口的应用 (or did not create the id). */
  noPermission: { errcode: 48002, errmsg: 'api forbidden' },
  /** Frequency limit, once. */
  slowDown: { errcode: 45009, errmsg: 'api freq out of limit', times: 1 },
} satisfies Record<string, SourceRefusal>;

const MEETING_SECONDS = { min: 300, max: 86_399 };

export const SOURCE_APIS: Partial<Record<FakeApiName, Handler>> = {
  'living/get_watch_stat': requireToken((ctx) =>
    withSource(ctx, 'livingid', ctx.state.livings, (living, id) => watchStatPage(ctx.state, id, living.viewers ?? {}, living.externalViewers ?? {}, field(ctx, 'next_key'))),
  ),
  'living/get_living_info': requireToken((ctx) =>
    withSource(ctx, 'livingid', ctx.state.livings, (living) =>
      ok({
        living_info: {
          theme: living.theme ?? '直播',
          living_start: living.livingStart,
          living_duration: living.livingDuration,
          status: living.status ?? 2,
          anchor_userid: living.anchorUserid ?? 'anchor',
          type: living.type ?? 0,
          viewer_num: Object.keys(living.viewers ?? {}).length,
        },
      }),
    ),
  ),
  'living/create': requireToken(({ state, body }) => {
    const input = (body ?? {}) as Record<string, unknown>;
    const { anchor_userid: anchor, theme, living_start: start, living_duration: duration } = input;
    if (!text(anchor) || !text(theme) || !seconds(start) || !seconds(duration)) return fail(40058, 'invalid Request Parameter');
    const livingid = nextId(state, 'living');
    const type = typeof input.type === 'number' ? input.type : 0;
    state.livings.set(livingid, { livingStart: start, livingDuration: duration, status: 0, theme, anchorUserid: anchor, type, viewers: {} });
    state.created.livings.push(livingid);
    return ok({ livingid });
  }),
  'meeting/get_info': requireToken((ctx) =>
    withSource(ctx, 'meetingid', ctx.state.meetings, (meeting) =>
      ok({
        admin_userid: meeting.adminUserid ?? 'admin',
        title: meeting.title ?? '会议',
        meeting_start: meeting.meetingStart,
        meeting_duration: meeting.meetingDuration,
        status: meeting.status ?? 3,
        meeting_code: meeting.meetingCode ?? '000000000',
        attendees: {
          member: Object.entries(meeting.attendees ?? {}).map(([userid, time]) => attendee({ userid }, time)),
          tmp_external_user: Object.entries(meeting.externalAttendees ?? {}).map(([id, time]) => attendee({ tmp_external_userid: id }, time)),
        },
      }),
    ),
  ),
  'meeting/create': requireToken(({ state, body }) => {
    const input = (body ?? {}) as Record<string, unknown>;
    const { admin_userid: admin, title, meeting_start: start, meeting_duration: duration } = input;
    if (!text(admin) || !text(title) || !seconds(start) || !seconds(duration)) return fail(40058, 'invalid Request Parameter');
    if (duration < MEETING_SECONDS.min || duration > MEETING_SECONDS.max) return fail(40058, 'invalid meeting_duration');
    const meetingid = nextId(state, 'meeting');
    const meetingCode = String(100_000_000 + state.ids);
    state.meetings.set(meetingid, { meetingStart: start, meetingDuration: duration, status: 1, title, adminUserid: admin, attendees: {}, meetingCode });
    state.created.meetings.push(meetingid);
    return ok({ meetingid, meeting_code: meetingCode, meeting_link: `https://meeting.tencent.com/dm/${meetingCode}`, excess_users: [] });
  }),
};

/** Finds the id named by `key` (query or body), applies its refusal, and answers for it or as WeCom does for an unknown id. */
function withSource<T>(ctx: HandlerContext, key: string, sources: Map<string, T>, answer: (source: T, id: string) => Answer): Answer {
  const id = field(ctx, key);
  if (!id) return fail(40058, `missing ${key}`);
  const refusal = takeRefusal(ctx.state, id);
  if (refusal) return refusal;
  const source = sources.get(id);
  return source ? answer(source, id) : fail(UNKNOWN_SOURCE_ERRCODE, `invalid ${key}`);
}

function watchStatPage(state: FakeState, id: string, viewers: Record<string, number>, external: Record<string, number>, nextKey: string): Answer {
  const all = Object.entries(viewers);
  const offset = nextKey === '' || nextKey === '0' ? 0 : /^\d+$/.test(nextKey) ? Number(nextKey) : NaN;
  if (!Number.isSafeInteger(offset) || offset > all.length) return fail(40058, `invalid next_key for ${id}`);
  const end = Math.min(all.length, offset + state.watchStatPageSize);
  const ending = end >= all.length ? 1 : 0;
  const users = all.slice(offset, end).map(([userid, time]) => ({ userid, watch_time: time, is_comment: 0, is_mic: 0 }));
  const externalUsers = ending ? Object.entries(external).map(([externalId, time]) => ({ external_userid: externalId, type: 1, name: externalId, watch_time: time })) : [];
  return ok({ ending, next_key: String(end), stat_info: { users, external_users: externalUsers } });
}

function takeRefusal(state: FakeState, id: string): Answer | undefined {
  const refusal = state.refusals.get(id);
  if (!refusal) return undefined;
  if (refusal.times !== undefined && --refusal.times <= 0) state.refusals.delete(id);
  return fail(refusal.errcode, refusal.errmsg ?? 'refused');
}

function field({ query, body }: HandlerContext, key: string): string {
  const fromBody = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  const value = query[key] ?? fromBody;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function attendee(who: Record<string, string>, time: number): Record<string, unknown> {
  return { ...who, status: 2, first_join_time: 0, last_quit_time: 0, total_join_count: 1, cumulative_time: time };
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const seconds = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
