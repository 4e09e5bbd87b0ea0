import { CallbackRejected } from '../errors.js';
import type { InboundKind, InboundMessage } from './inbound-message.js';
import { parseJson } from './parse-json.js';
import { type Fields, list, optionalId, optionalRecord, optionalString, record, requiredId } from './read-fields.js';

/**
 * Turns the AI bot's (智能机器人, API mode) decrypted JSON into an InboundMessage: msgid, aibotid, chatid,
 * chattype, from.userid, msgtype, text.content, response_url, create_time.
 * @example parseAiBotMessage('{"msgid":"1","aibotid":"b","chattype":"single","from":{"userid":"u"},…}', Date.now())
 */
export function parseAiBotMessage(plaintext: string, receivedAt: number): InboundMessage {
  return parseAiBotBody(parseJson(plaintext), receivedAt);
}

/**
 * The same for a message already decoded from JSON: the `body` of an `aibot_msg_callback` frame on the long
 * connection, which carries the callback's fields unencrypted.
 * @example parseAiBotBody(frame.body, Date.now())
 */
export function parseAiBotBody(body: unknown, receivedAt: number): InboundMessage {
  const json = record(body, 'message');
  requiredId(json, 'aibotid');
  const userid = requiredId(record(json.from, 'from'), 'userid');
  const chatId = optionalId(json, 'chatid') ?? null;
  const responseUrl = optionalId(json, 'response_url');
  const message: InboundMessage = {
    channel: 'ai-bot',
    msgId: '',
    from: { userid },
    chatId,
    chatType: chatType(optionalId(json, 'chattype'), chatId),
    kind: 'other',
    text: '',
    createdAt: createTime(json),
    receivedAt,
    ...(responseUrl === undefined ? {} : { responseUrl }),
  };
  Object.assign(message, content(json, requiredId(json, 'msgtype')));
  message.msgId = optionalId(json, 'msgid') ?? eventMsgId(userid, message);
  return message;
}

function chatType(value: string | undefined, chatId: string | null): 'group' | 'single' {
  if (value === undefined) return chatId === null ? 'single' : 'group';
  if (value === 'group' || value === 'single') return value;
  throw new CallbackRejected(400, 'chattype is neither group nor single');
}

function createTime(json: Fields): number | null {
  const value = json.create_time;
  if (value === undefined) return null;
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) {
    throw new CallbackRejected(400, 'create_time is not a time');
  }
  return seconds * 1000;
}

function content(json: Fields, msgType: string): Partial<InboundMessage> {
  switch (msgType) {
    case 'text':
      return { kind: 'text', text: textOf(json) };
    case 'image':
    case 'file':
      return { kind: msgType as InboundKind, url: requiredId(record(json[msgType], msgType), 'url') };
    case 'mixed':
      return mixed(record(json.mixed, 'mixed'));
    case 'event':
      return { kind: 'event', event: requiredId(record(json.event, 'event'), 'eventtype') };
    default:
      return { kind: 'other' };
  }
}

function textOf(fields: Fields): string {
  return optionalString(optionalRecord(fields, 'text') ?? {}, 'content') ?? '';
}

function mixed(mixedMessage: Fields): Partial<InboundMessage> {
  const texts: string[] = [];
  let url: string | undefined;
  for (const item of list(mixedMessage.msg_item)) {
    const fields = record(item, 'msg_item');
    const type = optionalId(fields, 'msgtype');
    if (type === 'text') texts.push(textOf(fields));
    if (type === 'image') url ??= optionalId(optionalRecord(fields, 'image') ?? {}, 'url');
  }
  return { kind: 'mixed', text: texts.join(' '), ...(url === undefined ? {} : { url }) };
}

function eventMsgId(userid: string, message: InboundMessage): string {
  const seconds = message.createdAt === null ? undefined : message.createdAt / 1000;
  if (message.kind !== 'event' || seconds === undefined) throw new CallbackRejected(400, 'msgid is missing');
  return `${userid}:${seconds}:${message.event}`;
}
