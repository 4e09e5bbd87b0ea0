import type { CampConfig } from '../camp/camp-config.js';
import { chatsOfCamp } from '../db/camp-store.js';
import type { Db } from '../db/db.js';
import { prizeListCsv, prizeListMessage } from './admin-prize-list.js';
import { awardAnnouncement } from './award-announcement.js';
import { certificateInput } from './certificate-input.js';
import type { PublicationResult, PublishedWinner } from '../db/publication-record.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import { inlineMedia } from '../outbox/outbox-payload.js';

export interface PublicationMessages {
  id: number;
  camp: CampConfig;
  result: PublicationResult;
  publishedAt: number;
  /** When the replaced publication was published (local, for the announcement), or null. */
  replacedAt: string | null;
  publicBaseUrl: string;
}

/** What was queued, and what could not be (chats without a webhook, no admins). */
export interface QueuedCounts {
  announcements: number;
  winnerNotices: number;
  adminMessages: number;
  warnings: string[];
}

/**
 * Queues everything a publication sends, inside the publishing transaction: the announcement to every bound chat,
 * a certificate and a verification card to each winner, the prize list (message + CSV) to the admins.
 */
export async function enqueuePublication(tx: Db, p: PublicationMessages, now: number): Promise<QueuedCounts> {
  const counts: QueuedCounts = { announcements: 0, winnerNotices: 0, adminMessages: 0, warnings: [] };
  const key = (what: string): string => `publication:${p.id}:${what}`;
  const base = { campId: p.camp.id };
  const content = awardAnnouncement(p.camp, p.result, p.replacedAt);
  for (const chat of await chatsOfCamp(tx, p.camp.id)) {
    if (!chat.webhookUrl) {
      counts.warnings.push(`群 ${chat.chatId} 还没有群机器人 webhook，公告未发送（在群里 @机器人 一次或在营地文件里配置 webhook）`);
      continue;
    }
    const payload = { webhookUrl: chat.webhookUrl, chatid: chat.chatId, message: { msgtype: 'markdown' as const, content } };
    await enqueueOutbound(tx, { ...base, kind: 'webhook', payload, dedupeKey: key(`chat:${chat.chatId}`) }, now);
    counts.announcements += 1;
  }
  for (const winner of p.result.winners) {
    await enqueueWinnerNotice(tx, p, winner, now);
    counts.winnerNotices += 1;
  }
  counts.adminMessages = await enqueueAdminList(tx, p, now);
  if (counts.adminMessages === 0) counts.warnings.push('营地文件没有配置 admins，奖品名单未发送');
  return counts;
}

async function enqueueWinnerNotice(tx: Db, p: PublicationMessages, winner: PublishedWinner, now: number): Promise<void> {
  const input = certificateInput(p.camp, winner, p.publishedAt, p.publicBaseUrl);
  const media = { source: 'certificate' as const, filename: `证书-${winner.award}-${winner.userid}.png`, input };
  const touser = [winner.userid];
  const key = (what: string): string => `publication:${p.id}:${what}:${winner.certificate}`;
  await enqueueOutbound(tx, { campId: p.camp.id, kind: 'app', payload: { touser, message: { msgtype: 'image', media } }, dedupeKey: key('certificate') }, now);
  const prize = winner.prize ? `\n奖品：${winner.prize}` : '';
  const card = {
    msgtype: 'textcard' as const,
    title: `🎉 恭喜获得「${winner.awardName}」`,
    description: `${p.camp.name}\n${winner.name}，你的电子证书已发送。${prize}\n证书编号：${winner.certificate}`,
    url: input.verifyUrl,
    btntxt: '验证证书',
  };
  await enqueueOutbound(tx, { campId: p.camp.id, kind: 'app', payload: { touser, message: card }, dedupeKey: key('card') }, now);
}

async function enqueueAdminList(tx: Db, p: PublicationMessages, now: number): Promise<number> {
  const touser = p.camp.admins.users;
  const toparty = p.camp.admins.parties.map(String);
  if (touser.length === 0 && toparty.length === 0) return 0;
  const to = { touser, toparty };
  const text = { msgtype: 'text' as const, content: prizeListMessage(p.camp, p.result, p.id) };
  const file = { msgtype: 'file' as const, media: inlineMedia(`获奖名单-${p.camp.id}-${p.id}.csv`, prizeListCsv(p.result)) };
  await enqueueOutbound(tx, { campId: p.camp.id, kind: 'app', payload: { ...to, message: text }, dedupeKey: `publication:${p.id}:admin:text` }, now);
  await enqueueOutbound(tx, { campId: p.camp.id, kind: 'app', payload: { ...to, message: file }, dedupeKey: `publication:${p.id}:admin:file` }, now);
  return 1;
}
