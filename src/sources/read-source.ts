import type { LivingInfo, MeetingInfo, WeComClient } from '../bot/wecom-client.js';
import type { Source } from './camp-sources.js';

/** What a sync needs of the WeCom client. */
export type SourceClient = Pick<WeComClient, 'getLivingInfo' | 'getWatchStat' | 'getMeetingInfo'>;

/** Someone who took part in a source, and for how long in all (seconds). */
export interface Participant {
  userid: string;
  seconds: number;
}

/** What WeCom says of a source now: not over yet (it ends at `endsAt`, ms), called off, or over with who took part. */
export type SourceReading =
  | { state: 'upcoming'; endsAt: number }
  | { state: 'called-off' }
  | { state: 'over'; endsAt: number; participants: Participant[] };

// meeting/get_info status: 1 待开始, 2 会议中, 3 已结束, 4 已取消, 5 已过期.
const MEETING_NOT_OVER = new Set([1, 2]);
const MEETING_CALLED_OFF = new Set([4, 5]);

/**
 * Reads one source from WeCom: a live's times (`get_living_info`) and, once it is over, every page of its watch
 * statistics; a meeting's times and attendees (`get_info`). WeCom's refusals surface as WeComApiError.
 * @example const reading = await readSource(client, { kind: 'living', id: 'L1', lesson: 3, minWatchMinutes: 30 }, Date.now());
 */
export async function readSource(client: SourceClient, source: Source, now: number): Promise<SourceReading> {
  if (source.kind === 'meeting') return meetingReading(await client.getMeetingInfo(source.id), now);
  const info = await client.getLivingInfo(source.id);
  const state = livingState(info, now);
  if (state.state !== 'over') return state;
  const viewers = await client.getWatchStat(source.id);
  return { ...state, participants: viewers.map((viewer) => ({ userid: viewer.userid, seconds: viewer.watchTimeS })) };
}

/** A live is over once WeCom says it ended and its end has passed; expired or cancelled lives have no viewers. */
function livingState(info: LivingInfo, now: number): SourceReading {
  if (info.status === 'expired' || info.status === 'cancelled') return { state: 'called-off' };
  const endsAt = (info.livingStart + info.livingDuration) * 1000;
  if (info.status === 'reserved' || info.status === 'live' || endsAt > now) return { state: 'upcoming', endsAt };
  return { state: 'over', endsAt, participants: [] };
}

/** A cancelled or expired meeting closes no session (it would count against everyone's attendance). */
function meetingReading(info: MeetingInfo, now: number): SourceReading {
  if (info.status !== null && MEETING_CALLED_OFF.has(info.status)) return { state: 'called-off' };
  const endsAt = (info.meetingStart + info.meetingDuration) * 1000;
  if ((info.status !== null && MEETING_NOT_OVER.has(info.status)) || endsAt > now) return { state: 'upcoming', endsAt };
  const participants = info.attendees.map((attendee) => ({ userid: attendee.userid, seconds: attendee.cumulativeTimeS }));
  return { state: 'over', endsAt, participants };
}
