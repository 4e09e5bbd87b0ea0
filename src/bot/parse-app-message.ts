import { CallbackRejected } from '../errors.js';
import type { InboundMessage } from './inbound-message.js';
import { parseXml } from './parse-xml.js';
import { type Fields, optionalId, optionalSeconds, optionalString, record, requiredId } from './read-fields.js';

/**
 * Turns the self-built app's decrypted XML into an InboundMessage (text, image, link, event; anything else 'other').
 * Throws CallbackRejected(400) when a required field is missing or malformed.
 * @example parseAppMessage('<xml><FromUserName>zhangsan</FromUserName>…</xml>', Date.now())
 */
export function parseAppMessage(plaintext: string, receivedAt: number): InboundMessage {
  const xml = record(parseXml(plaintext).xml, 'xml');
  const userid = requiredId(xml, 'FromUserName');
  const msgType = requiredId(xml, 'MsgType');
  const base = {
    channel: 'app' as const,
    from: { userid },
    chatId: null,
    chatType: 'single' as const,
    createdAt: optionalSeconds(xml, 'CreateTime'),
    receivedAt,
  };
  switch (msgType) {
    case 'text':
      return { ...base, msgId: requiredId(xml, 'MsgId'), kind: 'text', text: optionalString(xml, 'Content') ?? '' };
    case 'image':
      return { ...base, msgId: requiredId(xml, 'MsgId'), kind: 'image', text: '', url: requiredId(xml, 'PicUrl') };
    case 'link':
      return { ...base, msgId: requiredId(xml, 'MsgId'), kind: 'link', text: '', ...linkFields(xml) };
    case 'event':
      return { ...base, ...eventFields(xml, userid) };
    default:
      return { ...base, msgId: otherMsgId(xml, userid, msgType), kind: 'other', text: '' };
  }
}

function linkFields(xml: Fields): { url: string; title?: string } {
  const title = optionalString(xml, 'Title');
  return { url: requiredId(xml, 'Url'), ...(title === undefined ? {} : { title }) };
}

function eventFields(xml: Fields, userid: string): Pick<InboundMessage, 'msgId' | 'kind' | 'text' | 'event'> {
  const event = requiredId(xml, 'Event');
  const createTime = optionalId(xml, 'CreateTime');
  if (createTime === undefined) throw new CallbackRejected(400, 'event without CreateTime');
  return { msgId: `${userid}:${createTime}:${event}`, kind: 'event', text: '', event };
}

function otherMsgId(xml: Fields, userid: string, msgType: string): string {
  return optionalId(xml, 'MsgId') ?? `${userid}:${optionalId(xml, 'CreateTime') ?? ''}:${msgType}`;
}
