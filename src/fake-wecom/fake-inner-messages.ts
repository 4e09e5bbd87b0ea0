/**
 * Messages as WeCom words them for each channel, for tests and the demo only (the product talks to WECOM_API_BASE).
 */
import { randomBytes } from 'node:crypto';

/** A message to send, in the simplest terms. `createTime` is in seconds. */
export interface FakeMessage {
  from: string;
  text?: string;
  msgId?: string;
  chatId?: string;
  createTime?: number;
  kind?: 'text' | 'image' | 'link' | 'event' | 'mixed';
  url?: string;
  title?: string;
  event?: string;
  name?: string;
  chatType?: 'group' | 'single';
  webhookUrl?: string;
  responseUrl?: string;
}

function createTimeOf(message: FakeMessage): number {
  return message.createTime ?? Math.floor(Date.now() / 1000);
}

function msgIdOf(message: FakeMessage): string {
  return message.msgId ?? String(randomBytes(8).readBigUInt64BE(0));
}

/** The app's decrypted XML message (as an object for xml2js) sent to `corpId`. */
export function appMessageXml(corpId: string, message: FakeMessage): Record<string, unknown> {
  const head = { ToUserName: corpId, FromUserName: message.from, CreateTime: createTimeOf(message) };
  const tail = { MsgId: msgIdOf(message), AgentID: '1000002' };
  switch (message.kind ?? 'text') {
    case 'image':
      return { ...head, MsgType: 'image', PicUrl: message.url ?? 'https://wework.qpic.cn/demo.png', MediaId: 'media-1', ...tail };
    case 'link':
      return { ...head, MsgType: 'link', Title: message.title ?? '', Description: message.text ?? '', Url: message.url ?? '', PicUrl: '', ...tail };
    case 'event':
      return { ...head, MsgType: 'event', Event: message.event ?? 'enter_agent', EventKey: '', AgentID: '1000002' };
    default:
      return { ...head, MsgType: 'text', Content: message.text ?? '', ...tail };
  }
}

/** The group robot's decrypted XML message (as an object for xml2js). */
export function groupRobotMessageXml(message: FakeMessage): Record<string, unknown> {
  const chatId = message.chatId ?? 'wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw';
  const head = {
    WebhookUrl: message.webhookUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=FAKE',
    ChatId: chatId,
    ChatType: message.chatType ?? 'group',
    From: { UserId: message.from, Name: message.name ?? message.from, Alias: message.from },
    ...(message.createTime === undefined ? {} : { CreateTime: message.createTime }),
  };
  const msgId = { MsgId: msgIdOf(message) };
  switch (message.kind ?? 'text') {
    case 'image':
      return { ...head, MsgType: 'image', Image: { ImageUrl: message.url ?? 'https://wework.qpic.cn/demo.png' }, ...msgId };
    case 'mixed':
      return { ...head, MsgType: 'mixed', MixedMessage: { MsgItem: mixedItems(message) }, ...msgId };
    case 'event':
      return { ...head, MsgType: 'event', Event: { EventType: message.event ?? 'add_to_chat' }, ...msgId };
    default:
      return { ...head, MsgType: 'text', Text: { Content: message.text ?? '' }, ...msgId };
  }
}

function mixedItems(message: FakeMessage): Record<string, unknown>[] {
  return [
    { MsgType: 'text', Text: { Content: message.text ?? '' } },
    { MsgType: 'image', Image: { ImageUrl: message.url ?? 'https://wework.qpic.cn/demo.png' } },
  ];
}

/**
 * The AI bot's message JSON: the decrypted body of a callback, and the `body` of an `aibot_msg_callback` frame on the
 * long connection.
 */
export function aiBotMessageBody(message: FakeMessage): Record<string, unknown> {
  const head = {
    msgid: msgIdOf(message),
    aibotid: 'aibot-demo',
    ...(message.chatId === undefined ? {} : { chatid: message.chatId }),
    chattype: message.chatType ?? (message.chatId === undefined ? 'single' : 'group'),
    from: { userid: message.from },
    response_url: message.responseUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=FAKE',
    ...(message.createTime === undefined ? {} : { create_time: message.createTime }),
  };
  switch (message.kind ?? 'text') {
    case 'image':
      return { ...head, msgtype: 'image', image: { url: message.url ?? 'https://wework.qpic.cn/demo.png' } };
    case 'mixed':
      return { ...head, msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: message.text ?? '' } }, { msgtype: 'image', image: { url: message.url ?? 'https://wework.qpic.cn/demo.png' } }] } };
    case 'event':
      return { ...head, msgtype: 'event', event: { eventtype: message.event ?? 'enter_chat' } };
    default:
      return { ...head, msgtype: 'text', text: { content: message.text ?? '' } };
  }
}

