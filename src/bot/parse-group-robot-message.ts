import { CallbackRejected } from '../errors.js';
import type { InboundMessage } from './inbound-message.js';
import { parseXml } from './parse-xml.js';
import {
  type Fields,
  list,
  optionalId,
  optionalRecord,
  optionalSeconds,
  optionalString,
  record,
  requiredId,
} from './read-fields.js';

/**
 * Turns the group robot's decrypted XML (消息推送: WebhookUrl, ChatId, ChatType, From, MsgType, …) into an
 * InboundMessage. Text keeps its leading `@BotName`; `mixed` joins its text parts with a space.
 * @example parseGroupRobotMessage('<xml><ChatId>wrk…</ChatId>…</xml>', Date.now())
 */
export function parseGroupRobotMessage(plaintext: string, receivedAt: number): InboundMessage {
  const xml = record(parseXml(plaintext).xml, 'xml');
  const from = record(xml.From, 'From');
  const userid = requiredId(from, 'UserId');
  const name = optionalString(from, 'Name')?.trim();
  const webhookUrl = optionalId(xml, 'WebhookUrl');
  const createdAt = optionalSeconds(xml, 'CreateTime');
  const message: InboundMessage = {
    channel: 'group-robot',
    msgId: '',
    from: name ? { userid, name } : { userid },
    chatId: optionalId(xml, 'ChatId') ?? null,
    chatType: chatType(optionalId(xml, 'ChatType')),
    kind: 'other',
    text: '',
    createdAt,
    receivedAt,
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
  };
  Object.assign(message, content(xml, requiredId(xml, 'MsgType')));
  message.msgId = optionalId(xml, 'MsgId') ?? fallbackMsgId(xml, userid, message);
  return message;
}

function chatType(value: string | undefined): 'group' | 'single' {
  if (value === undefined || value === 'group') return 'group';
  if (value === 'single') return 'single';
  throw new CallbackRejected(400, 'ChatType is neither group nor single');
}

function content(xml: Fields, msgType: string): Partial<InboundMessage> {
  switch (msgType) {
    case 'text':
      return { kind: 'text', text: optionalString(optionalRecord(xml, 'Text') ?? {}, 'Content') ?? '' };
    case 'image':
      return { kind: 'image', url: requiredId(record(xml.Image, 'Image'), 'ImageUrl') };
    case 'mixed':
      return mixed(record(xml.MixedMessage, 'MixedMessage'));
    case 'event':
      return { kind: 'event', event: requiredId(record(xml.Event, 'Event'), 'EventType') };
    default:
      return { kind: 'other' };
  }
}

function mixed(mixedMessage: Fields): Partial<InboundMessage> {
  const texts: string[] = [];
  let url: string | undefined;
  for (const item of list(mixedMessage.MsgItem)) {
    const fields = record(item, 'MsgItem');
    const type = optionalId(fields, 'MsgType');
    if (type === 'text') texts.push(optionalString(optionalRecord(fields, 'Text') ?? {}, 'Content') ?? '');
    if (type === 'image') url ??= optionalId(optionalRecord(fields, 'Image') ?? {}, 'ImageUrl');
  }
  return { kind: 'mixed', text: texts.join(' '), ...(url === undefined ? {} : { url }) };
}

function fallbackMsgId(xml: Fields, userid: string, message: InboundMessage): string {
  if (message.kind !== 'event') throw new CallbackRejected(400, 'MsgId is missing');
  const createTime = optionalId(xml, 'CreateTime');
  if (createTime === undefined) throw new CallbackRejected(400, 'event without MsgId or CreateTime');
  return `${userid}:${createTime}:${message.event}`;
}
