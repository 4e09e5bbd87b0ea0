import type { WeComClient } from '../bot/wecom-client.js';
import { formatLocalTime } from '../camp/time-zone.js';
import { chatsOfCamp, loadCamp } from '../db/camp-store.js';
import { createdSourceById, markSourceCreated, markSourceFailed, type CreatedSource } from '../db/created-sources.js';
import { transaction, type Db } from '../db/db.js';
import { WeComApiError } from '../errors.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import { isTransientFailure } from '../outbox/outbox-worker.js';

/** What creating sources needs of the WeCom client. */
export type CreatorClient = Pick<WeComClient, 'createMeeting' | 'createLiving'>;

export interface CreatorDeps {
  db: Db;
  client: CreatorClient;
  now?: () => number;
}

/** What WeCom created: its livingid or meetingid, and a meeting's join link. */
interface Created {
  wecomId: string;
  link: string | null;
}

/** WeCom wants a start in the future: at least this far ahead, on a whole minute. */
const LEAD_MS = 60_000;

/**
 * Creates in WeCom the live or meeting of a pending request (the outbox worker runs it, outside any transaction),
 * then in one transaction links it as the camp's source and queues its link to the group (or the trainer). A refusal
 * marks the request failed and tells the trainer why; a passing failure is thrown so the outbox tries again (a
 * timeout after WeCom created it may then create a second one; only the one recorded is linked and read).
 * @example await createWeComSource({ db: store, client }, 7);
 */
export async function createWeComSource(deps: CreatorDeps, sourceId: number): Promise<void> {
  const now = deps.now ?? Date.now;
  const request = await createdSourceById(deps.db, sourceId);
  if (!request || request.status !== 'pending') return;
  const startsAt = Math.max(request.startsAt, Math.ceil((now() + LEAD_MS) / 60_000) * 60_000);
  let created: Created;
  try {
    created = await create(deps.client, request, startsAt);
  } catch (error) {
    if (!(error instanceof WeComApiError) || isTransientFailure(error)) throw error;
    await transaction(deps.db, async (tx) => {
      if (await markSourceFailed(tx, sourceId, `errcode ${error.errcode}: ${error.errmsg}`, now())) await tellRefused(tx, request, error, now());
    });
    return;
  }
  await transaction(deps.db, async (tx) => {
    if (await markSourceCreated(tx, sourceId, created.wecomId, created.link, now())) await announce(tx, { ...request, startsAt }, created.link, now());
  });
}

async function create(client: CreatorClient, request: CreatedSource, startsAt: number): Promise<Created> {
  const start = Math.floor(startsAt / 1000);
  if (request.kind === 'meeting') {
    const meeting = await client.createMeeting({ adminUserid: request.requestedBy, title: request.title, meetingStart: start, meetingDuration: request.durationS });
    return { wecomId: meeting.meetingid, link: meeting.link };
  }
  const livingid = await client.createLiving({ anchorUserid: request.requestedBy, theme: request.title, livingStart: start, livingDuration: request.durationS });
  return { wecomId: livingid, link: null };
}

/** The link to the group the request came from (its robot webhook), else to the trainer who asked. */
async function announce(tx: Db, request: CreatedSource, link: string | null, now: number): Promise<void> {
  const timeZone = (await loadCamp(tx, request.campId))!.timezone;
  const when = `${formatLocalTime(request.startsAt, timeZone)} 开始，${Math.round(request.durationS / 60)} 分钟`;
  const threshold = `${request.minMinutes} 分钟`;
  const content = request.kind === 'meeting'
    ? `📹 课次「${request.target}」的企业微信会议已创建：${when}。${link ? `入会链接：${link}` : '请在企业微信「会议」中入会。'}\n在会满 ${threshold}自动签到。`
    : `📺 第 ${request.target} 课直播「${request.title}」已预约：${when}，请在企业微信「工作台 → 直播」观看。\n观看满 ${threshold}自动记为完成第 ${request.target} 课。`;
  const webhookUrl = (await chatsOfCamp(tx, request.campId)).find((chat) => chat.chatId === request.chatId)?.webhookUrl;
  const dedupeKey = `created-source:${request.id}:announce`;
  if (webhookUrl) {
    await enqueueOutbound(tx, { campId: request.campId, kind: 'webhook', payload: { webhookUrl, chatid: request.chatId, message: { msgtype: 'text', content } }, dedupeKey }, now);
  } else {
    await enqueueOutbound(tx, { campId: request.campId, kind: 'app', payload: { touser: [request.requestedBy], message: { msgtype: 'text', content } }, dedupeKey }, now);
  }
}

async function tellRefused(tx: Db, request: CreatedSource, error: WeComApiError, now: number): Promise<void> {
  const what = request.kind === 'meeting' ? `课次「${request.target}」的会议` : `第 ${request.target} 课的直播`;
  const content = `⚠️ 企业微信没有创建${what}（errcode ${error.errcode}）。${error.hint ?? error.errmsg}`;
  const payload = { touser: [request.requestedBy], message: { msgtype: 'text' as const, content } };
  await enqueueOutbound(tx, { campId: request.campId, kind: 'app', payload, dedupeKey: `created-source:${request.id}:refused` }, now);
}
