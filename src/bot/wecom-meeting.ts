import { answerReader, optionalText } from './read-answer.js';
import type { WeComTransport } from './wecom-transport.js';

/** A member who joined a meeting, and for how long in all (seconds). */
export interface MeetingAttendee {
  userid: string;
  cumulativeTimeS: number;
}

/** What camp-bot needs of `meeting/get_info`; times in Unix seconds. */
export interface MeetingInfo {
  meetingid: string;
  title: string | null;
  meetingStart: number;
  meetingDuration: number;
  /** WeCom's `status` as it is (null when absent). */
  status: number | null;
  /** `attendees.member[]`; `tmp_external_user` is left out. */
  attendees: MeetingAttendee[];
}

/** A meeting to book; times in Unix seconds (the start must lie in the future, 300–86399 s long). */
export interface NewMeeting {
  adminUserid: string;
  /** At most 20 characters (WeCom's limit). */
  title: string;
  meetingStart: number;
  meetingDuration: number;
  description?: string;
  invitees?: string[];
}

/** What `meeting/create` gave back: the id, and the code and join link where WeCom returns them. */
export interface CreatedMeeting {
  meetingid: string;
  meetingCode: string | null;
  link: string | null;
}

/** `meeting/get_info` for `meetingid`: its start, length, status and each member's cumulative time. */
export async function getMeetingInfo(transport: WeComTransport, meetingid: string): Promise<MeetingInfo> {
  const api = 'meeting/get_info';
  const read = answerReader(api);
  const answer = await transport.callApi(api, { path: '/cgi-bin/meeting/get_info', method: 'POST', body: JSON.stringify({ meetingid }) });
  const attendees = answer.attendees === undefined ? {} : read.record(answer, 'attendees');
  return {
    meetingid,
    title: optionalText(answer, 'title'),
    meetingStart: read.seconds(answer, 'meeting_start'),
    meetingDuration: read.seconds(answer, 'meeting_duration'),
    status: typeof answer.status === 'number' ? answer.status : null,
    attendees: read.list(attendees, 'member').map((member) => ({
      userid: read.id(member, 'userid'),
      cumulativeTimeS: read.seconds(member, 'cumulative_time'),
    })),
  };
}

/** Books a meeting through `meeting/create`; never retried where WeCom may have created it. */
export async function createMeeting(transport: WeComTransport, meeting: NewMeeting): Promise<CreatedMeeting> {
  const api = 'meeting/create';
  const body = {
    admin_userid: meeting.adminUserid,
    title: meeting.title,
    meeting_start: meeting.meetingStart,
    meeting_duration: meeting.meetingDuration,
    ...(meeting.description === undefined ? {} : { description: meeting.description }),
    ...(meeting.invitees?.length ? { invitees: { userid: meeting.invitees } } : {}),
  };
  const answer = await transport.callApi(api, { path: '/cgi-bin/meeting/create', method: 'POST', body: JSON.stringify(body), idempotent: false });
  return {
    meetingid: answerReader(api).id(answer, 'meetingid'),
    meetingCode: optionalText(answer, 'meeting_code'),
    link: optionalText(answer, 'meeting_link'),
  };
}
