import { dedupeKey, type InboundMessage, type Reply, replyMarkdown } from '../bot/inbound-message.js';
import type { Db } from '../db/db.js';
import { enqueueOutbound, type OutboundRequest } from './enqueue-outbound.js';

/**
 * Queues the answer to a message that missed WeCom's passive-reply window: the app's 1:1 chat gets it through
 * `message/send` to the sender, a group robot chat through its webhook, the AI bot through `response_url`.
 * Enqueued once per message (a retried callback queues nothing new).
 * @example await deliverLateReply(store, message, { text: '已记录' }, Date.now());
 */
export function deliverLateReply(
  db: Db,
  message: InboundMessage,
  reply: Reply,
  now: number,
  campId: string | null = null,
): Promise<{ id: number; duplicate: boolean }> {
  const base = { campId, dedupeKey: `late-reply:${dedupeKey(message)}` };
  return enqueueOutbound(db, { ...base, ...lateReplyOutbound(message, reply) } as OutboundRequest, now);
}

function lateReplyOutbound(message: InboundMessage, reply: Reply): Omit<OutboundRequest, 'campId' | 'dedupeKey'> {
  const markdown = replyMarkdown(reply);
  if (message.channel === 'ai-bot' && message.responseUrl) {
    return { kind: 'response-url', payload: { responseUrl: message.responseUrl, markdown } };
  }
  if (message.channel === 'group-robot' && message.webhookUrl) {
    return { kind: 'webhook', payload: { webhookUrl: message.webhookUrl, chatid: message.chatId, message: { msgtype: 'markdown', content: markdown } } };
  }
  // The app cannot be sure a user's WeChat shows markdown, so plain text; also the fallback without a chat URL.
  return { kind: 'app', payload: { touser: [message.from.userid], message: { msgtype: 'text', content: reply.text } } };
}
