import { setTimeout as delay } from 'node:timers/promises';
import { WeComNetworkError } from '../errors.js';
import { getUserIdByCode } from './wecom-auth.js';
import type { WeComAnswer } from './wecom-http.js';
import { appMessageBody, splitMessage, webhookMessageBody, type OutboundMessage, type WebhookMessage } from './wecom-message.js';
import { createPacer, type Pacer } from './wecom-pacer.js';
import { createLiving, getLivingInfo, getWatchStat, type LivingInfo, type LivingViewer, type NewLiving } from './wecom-living.js';
import { createMeeting, getMeetingInfo, type CreatedMeeting, type MeetingInfo, type NewMeeting } from './wecom-meeting.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './wecom-retry.js';
import { createTransport, type WeComTransport } from './wecom-transport.js';
import { assertWebhookAllowed, webhookUploadUrl } from './wecom-webhook-url.js';

export { assertWebhookAllowed } from './wecom-webhook-url.js';
export type { LivingInfo, LivingStatus, LivingViewer, NewLiving } from './wecom-living.js';
export type { CreatedMeeting, MeetingAttendee, MeetingInfo, NewMeeting } from './wecom-meeting.js';
export { MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES, splitMessage, type OutboundMessage, type WebhookMessage } from './wecom-message.js';

export interface WeComClientOptions {
  apiBase: string;
  corpId: string;
  agentId: string;
  secret: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Where operator-facing lines go (never containing the secret, a token or a webhook key). */
  log?: (line: string) => void;
  /** Tries per request for transient failures (default 5). */
  maxAttempts?: number;
  /** Per HTTP exchange (default 10 s). */
  timeoutMs?: number;
  /** Jitter source, in [0, 1). */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Messages per window: 30 per member, 20 per group robot webhook, per 60 s by default. */
  pace?: { perMember?: number; perWebhook?: number; windowMs?: number };
}

/** What `message/send` reported for all parts of one message. */
export interface SendResult {
  msgids: string[];
  invalidUsers: string[];
  invalidParties: string[];
}

export interface WeComUser {
  userid: string;
  name: string;
  department: number[];
  [field: string]: unknown;
}

export interface WeComClient {
  /** A valid access token (cached; one fetch in flight). */
  getToken(): Promise<string>;
  /** Sends an app message; long text/markdown goes as several messages. */
  sendMessage(message: OutboundMessage): Promise<SendResult>;
  /** Uploads temporary media (valid 3 days) and returns its media_id. */
  uploadMedia(type: 'image' | 'file', filename: string, data: Buffer): Promise<string>;
  getUser(userid: string): Promise<WeComUser>;
  /** The member a web-login code (console sign-in) belongs to; null for a non-member; 40029 for a used code. */
  getUserIdByCode(code: string): Promise<string | null>;
  /** Posts to a group robot webhook on WECOM_API_BASE's origin (else WebhookRefused, nothing sent). */
  webhookSend(webhookUrl: string, message: WebhookMessage): Promise<void>;
  /** Uploads a file for a group robot webhook and returns its media_id. */
  webhookUploadMedia(webhookUrl: string, filename: string, data: Buffer): Promise<string>;
  /** Every member who watched a live lesson (all pages of `living/get_watch_stat`). */
  getWatchStat(livingid: string): Promise<LivingViewer[]>;
  /** When a live lesson ran (`living/get_living_info`). */
  getLivingInfo(livingid: string): Promise<LivingInfo>;
  /** Creates a live lesson of type 企业培训 and returns its livingid. */
  createLiving(living: NewLiving): Promise<string>;
  /** A meeting's times and each member's cumulative time (`meeting/get_info`). */
  getMeetingInfo(meetingid: string): Promise<MeetingInfo>;
  /** Books a WeCom meeting (`meeting/create`). */
  createMeeting(meeting: NewMeeting): Promise<CreatedMeeting>;
}

/**
 * The outbound WeCom API client: token cache, retries with backoff, pacing per member and per webhook.
 * @example
 * const wecom = createWeComClient({ apiBase, corpId, agentId, secret });
 * await wecom.sendMessage({ touser: ['zhangsan'], msgtype: 'text', content: '你好' });
 */
export function createWeComClient(options: WeComClientOptions): WeComClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const windowMs = options.pace?.windowMs ?? 60_000;
  const members = createPacer({ limit: options.pace?.perMember ?? 30, windowMs, now, sleep });
  const webhooks = createPacer({ limit: options.pace?.perWebhook ?? 20, windowMs, now, sleep });
  const transport = createTransport({
    apiBase: options.apiBase.replace(/\/+$/, ''),
    corpId: options.corpId,
    secret: options.secret,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep,
    now,
    random: options.random ?? Math.random,
    log: options.log ?? ((line) => console.error(line)),
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry, ...(options.maxAttempts && { maxAttempts: options.maxAttempts }) },
  });
  return {
    getToken: () => transport.getToken(),
    sendMessage: (message) => sendMessage(transport, members, options.agentId, message),
    uploadMedia: (type, filename, data) => uploadMedia(transport, type, filename, data),
    getUser: (userid) => getUser(transport, userid),
    getUserIdByCode: (code) => getUserIdByCode(transport, code),
    webhookSend: async (url, message) =>
      webhookSend(transport, webhooks, assertWebhookAllowed(url, options.apiBase), message),
    webhookUploadMedia: async (url, filename, data) =>
      webhookUploadMedia(transport, assertWebhookAllowed(url, options.apiBase), filename, data),
    getWatchStat: (livingid) => getWatchStat(transport, livingid),
    getLivingInfo: (livingid) => getLivingInfo(transport, livingid),
    createLiving: (living) => createLiving(transport, living),
    getMeetingInfo: (meetingid) => getMeetingInfo(transport, meetingid),
    createMeeting: (meeting) => createMeeting(transport, meeting),
  };
}

async function sendMessage(transport: WeComTransport, pacer: Pacer, agentId: string, message: OutboundMessage) {
  const result: SendResult = { msgids: [], invalidUsers: [], invalidParties: [] };
  const keys = [...(message.touser ?? []).map((u) => `user:${u}`), ...(message.toparty ?? []).map((p) => `party:${p}`)];
  for (const part of splitMessage(message)) {
    const body = JSON.stringify(appMessageBody(part, agentId));
    for (const key of keys) await pacer.acquire(key);
    const answer = await transport.callApi('message/send', {
      path: '/cgi-bin/message/send',
      method: 'POST',
      body,
      onRateLimited: () => pacer.slowDown(),
    });
    if (answer.msgid) result.msgids.push(String(answer.msgid));
    result.invalidUsers.push(...bars(answer.invaliduser));
    result.invalidParties.push(...bars(answer.invalidparty));
  }
  return result;
}

async function uploadMedia(transport: WeComTransport, type: 'image' | 'file', filename: string, data: Buffer) {
  const answer = await transport.callApi('media/upload', {
    path: '/cgi-bin/media/upload',
    query: { type },
    method: 'POST',
    body: mediaForm(filename, data),
  });
  return mediaId('media/upload', answer);
}

async function getUser(transport: WeComTransport, userid: string): Promise<WeComUser> {
  const answer = await transport.callApi('user/get', { path: '/cgi-bin/user/get', query: { userid }, method: 'GET' });
  const { errcode: _code, errmsg: _msg, ...user } = answer;
  const department = Array.isArray(user.department) ? user.department.map(Number) : [];
  return { ...user, userid: String(user.userid ?? userid), name: String(user.name ?? ''), department };
}

async function webhookSend(transport: WeComTransport, pacer: Pacer, url: URL, message: WebhookMessage): Promise<void> {
  const key = `webhook:${url.searchParams.get('key')}`;
  for (const part of splitMessage(message)) {
    const body = JSON.stringify(webhookMessageBody(part));
    await pacer.acquire(key);
    await transport.callUrl('webhook/send', url, { method: 'POST', body, onRateLimited: () => pacer.slowDown() });
  }
}

async function webhookUploadMedia(transport: WeComTransport, url: URL, filename: string, data: Buffer) {
  const answer = await transport.callUrl('webhook/upload_media', webhookUploadUrl(url), {
    method: 'POST',
    body: mediaForm(filename, data),
  });
  return mediaId('webhook/upload_media', answer);
}

function mediaForm(filename: string, data: Buffer): FormData {
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(data)]), filename);
  return form;
}

function mediaId(api: string, answer: WeComAnswer): string {
  if (typeof answer.media_id === 'string' && answer.media_id) return answer.media_id;
  throw new WeComNetworkError(api, new Error('answer has no media_id'));
}

function bars(value: unknown): string[] {
  return typeof value === 'string' && value ? value.split('|') : [];
}
