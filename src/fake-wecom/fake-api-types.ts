/**
 * Types of the fake WeCom API (for tests and the demo only; the product talks to WECOM_API_BASE).
 */
import type { IncomingMessage } from 'node:http';

export type FakeApiName =
  | 'gettoken'
  | 'message/send'
  | 'media/upload'
  | 'webhook/send'
  | 'webhook/upload_media'
  | 'user/get'
  | 'living/get_watch_stat'
  | 'living/get_living_info'
  | 'living/create'
  | 'meeting/get_info'
  | 'meeting/create'
  | 'auth/getuserinfo';

/** What the next call(s) to one API suffer. `reset` drops the connection without an answer. */
export interface Fault {
  errcode?: number;
  errmsg?: string;
  status?: number;
  delayMs?: number;
  reset?: boolean;
  /** How many calls in a row (default 1). */
  times?: number;
}

/** How WeCom refuses every call about one live or meeting id (until `times` calls have been refused, if set). */
export interface SourceRefusal {
  errcode: number;
  errmsg?: string;
  times?: number;
}

/** A live lesson as the fake holds it; times in Unix seconds, viewers as userid → seconds watched. */
export interface FakeLiving {
  livingStart: number;
  livingDuration: number;
  /** 0 预约中, 1 直播中, 2 已结束 (default), 3 已过期, 4 已取消. */
  status?: number;
  theme?: string;
  anchorUserid?: string;
  type?: number;
  viewers?: Record<string, number>;
  /** External (WeChat) viewers: external_userid → seconds; answered in `stat_info.external_users`. */
  externalViewers?: Record<string, number>;
}

/** A meeting as the fake holds it; times in Unix seconds, attendees as userid → cumulative seconds. */
export interface FakeMeeting {
  meetingStart: number;
  meetingDuration: number;
  status?: number;
  title?: string;
  adminUserid?: string;
  attendees?: Record<string, number>;
  /** Temporary external attendees → cumulative seconds; answered in `attendees.tmp_external_user`. */
  externalAttendees?: Record<string, number>;
  meetingCode?: string;
}

export interface RecordedCall {
  api: FakeApiName | 'unknown';
  method: string;
  query: Record<string, string>;
  /** The parsed JSON body, or null (GET, multipart). */
  body: unknown;
  /** `touser` of message/send, split on `|`. */
  touser: string[];
  chatid?: string;
  media?: { filename: string; size: number };
  timestamp: number;
  /** HTTP status answered (0 when the connection was dropped) and the errcode in the answer (null when none). */
  status: number;
  errcode: number | null;
}

/** Someone the fake login page offers to sign in as (the demo lists a few people of its camp). */
export interface FakeLoginUser {
  userid: string;
  name: string;
  /** Shown beside the name, e.g. 培训老师. */
  note?: string;
}

export interface FakeWeComApiOptions {
  port?: number;
  /** When set, gettoken checks them (40013 / 40001); otherwise any corp id and secret get a token. */
  corpId?: string;
  secret?: string;
  /** When set, user/get knows only these (60111 otherwise); otherwise any userid is a user named after itself. */
  users?: Record<string, { name: string; department?: number[] }>;
  livings?: Record<string, FakeLiving>;
  meetings?: Record<string, FakeMeeting>;
  /** Users per page of living/get_watch_stat (default 100). */
  watchStatPageSize?: number;
}

export interface FakeWeComApi {
  baseUrl: string;
  calls: RecordedCall[];
  /** How many tokens gettoken has issued. */
  readonly tokensIssued: number;
  /** Calls of one API that were answered errcode 0. */
  delivered(api: FakeApiName): RecordedCall[];
  failNext(api: FakeApiName, fault: Fault): void;
  /** Every token issued so far answers 42001 from now on. */
  expireTokens(): void;
  /** A group robot webhook URL on this server. */
  webhookUrl(key?: string): string;
  /** Adds or replaces a live lesson (also how a test moves one on: more viewers, status 2). */
  addLiving(livingid: string, living: FakeLiving): void;
  addMeeting(meetingid: string, meeting: FakeMeeting): void;
  /** Every later call naming `id` (a livingid or meetingid) is refused this way; see SOURCE_REFUSALS. */
  refuseSource(id: string, refusal: SourceRefusal): void;
  setWatchStatPageSize(size: number): void;
  /** The lives and meetings created through living/create and meeting/create, in order. */
  readonly created: { livings: string[]; meetings: string[] };
  /**
   * The next web login (网页授权 or QR login) signs in this member at once, without the picker page. A userid starting
   * with `openid:` is someone outside the company (getuserinfo answers an openid, no userid).
   */
  signInAs(userid: string): void;
  /** Who the login picker page lists (when no `signInAs` is pending). */
  setLoginUsers(users: FakeLoginUser[]): void;
  /** Every login code issued so far answers 40029 from now on, as WeCom's do after 5 minutes. */
  expireLoginCodes(): void;
  close(): Promise<void>;
}

/** A handler's answer: HTTP status (default 200) and JSON body. */
export interface Answer {
  status?: number;
  json: Record<string, unknown>;
}

export interface FakeState {
  options: FakeWeComApiOptions;
  calls: RecordedCall[];
  faults: Map<FakeApiName, Fault[]>;
  tokens: Map<string, number>; // token → expiry (ms)
  tokensIssued: number;
  ids: number;
  livings: Map<string, FakeLiving>;
  meetings: Map<string, FakeMeeting>;
  refusals: Map<string, SourceRefusal>;
  watchStatPageSize: number;
  created: { livings: string[]; meetings: string[] };
  /** Login codes issued by the login pages: code → the member and when it stops working (ms). */
  loginCodes: Map<string, { userid: string; expiresAt: number }>;
  /** Members the next logins sign in, in order (`signInAs`). */
  nextLogins: string[];
  loginUsers: FakeLoginUser[];
}

export interface HandlerContext {
  state: FakeState;
  query: Record<string, string>;
  body: unknown;
  raw: Buffer;
  req: IncomingMessage;
  call: RecordedCall;
}

export type Handler = (ctx: HandlerContext) => Promise<Answer> | Answer;
