import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import { splitUtf8 } from './split-utf8.js';

/** WeCom's content limits in UTF-8 bytes. */
export const TEXT_MAX_BYTES = 2048;
export const MARKDOWN_MAX_BYTES = 4096;

/** Who an app message goes to; at least one list must be non-empty (`['@all']` is everyone). */
export interface Recipients {
  touser?: readonly string[];
  toparty?: readonly string[];
}

/**
 * An app message for `message/send`.
 * @example { touser: ['zhangsan'], msgtype: 'text', content: '打卡成功 ✅' }
 */
export type OutboundMessage = Recipients &
  (
    | { msgtype: 'text'; content: string }
    | { msgtype: 'markdown'; content: string }
    | { msgtype: 'textcard'; title: string; description: string; url: string; btntxt?: string }
    | { msgtype: 'image'; mediaId: string }
    | { msgtype: 'file'; mediaId: string }
  );

/**
 * A group robot message for `webhook/send`; `chatid` picks the chat when one robot serves several.
 * @example { chatid: 'wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw', msgtype: 'markdown', content: '**今日排行榜**' }
 */
export type WebhookMessage = { chatid?: string } & (
  | { msgtype: 'text'; content: string; mentionedList?: readonly string[] }
  | { msgtype: 'markdown'; content: string }
  | { msgtype: 'image'; data: Buffer }
  | { msgtype: 'file'; mediaId: string }
);

/** A message whose content is over WeCom's limit, as several messages in order, each within it. */
export function splitMessage<T extends OutboundMessage | WebhookMessage>(message: T): T[] {
  if (message.msgtype !== 'text' && message.msgtype !== 'markdown') return [message];
  const limit = message.msgtype === 'text' ? TEXT_MAX_BYTES : MARKDOWN_MAX_BYTES;
  return splitUtf8(message.content, limit).map((content, i) => {
    const part = { ...message, content };
    if (i > 0 && 'mentionedList' in part) delete part.mentionedList;
    return part;
  });
}

/** The JSON body of `message/send` for one message within the limits. */
export function appMessageBody(message: OutboundMessage, agentId: string): Record<string, unknown> {
  const touser = message.touser?.filter(Boolean) ?? [];
  const toparty = message.toparty?.filter(Boolean) ?? [];
  if (touser.length === 0 && toparty.length === 0) throw new ValidationError('message has no recipient (touser/toparty)');
  const body: Record<string, unknown> = {
    agentid: /^\d+$/.test(agentId) ? Number(agentId) : agentId,
    msgtype: message.msgtype,
    ...(touser.length > 0 && { touser: touser.join('|') }),
    ...(toparty.length > 0 && { toparty: toparty.join('|') }),
  };
  body[message.msgtype] = appContent(message);
  return body;
}

function appContent(message: OutboundMessage): Record<string, unknown> {
  switch (message.msgtype) {
    case 'text':
    case 'markdown':
      return { content: message.content };
    case 'textcard': {
      const { title, description, url, btntxt } = message;
      return { title, description, url, ...(btntxt && { btntxt }) };
    }
    case 'image':
    case 'file':
      return { media_id: message.mediaId };
  }
}

/** The JSON body of `webhook/send` for one message within the limits. */
export function webhookMessageBody(message: WebhookMessage): Record<string, unknown> {
  const body: Record<string, unknown> = { msgtype: message.msgtype, ...(message.chatid && { chatid: message.chatid }) };
  switch (message.msgtype) {
    case 'text':
      body.text = { content: message.content, ...(message.mentionedList?.length && { mentioned_list: message.mentionedList }) };
      break;
    case 'markdown':
      body.markdown = { content: message.content };
      break;
    case 'image':
      body.image = { base64: message.data.toString('base64'), md5: createHash('md5').update(message.data).digest('hex') };
      break;
    case 'file':
      body.file = { media_id: message.mediaId };
      break;
  }
  return body;
}
