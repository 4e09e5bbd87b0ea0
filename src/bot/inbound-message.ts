import { escapeMarkdown, type Markdown } from './markdown.js';
import { splitUtf8 } from './split-utf8.js';

/** The channel a callback arrived on. */
export type Channel = 'app' | 'group-robot' | 'ai-bot';

export type InboundKind = 'text' | 'image' | 'link' | 'file' | 'mixed' | 'event' | 'other';

/**
 * One inbound WeCom message, whatever channel carried it.
 * @example { channel: 'app', msgId: '123', kind: 'text', text: '/me', from: { userid: 'zhangsan' }, … }
 */
export interface InboundMessage {
  channel: Channel;
  /** MsgId, or for events `${from}:${CreateTime}:${event}`. */
  msgId: string;
  from: { userid: string; name?: string };
  /** The group chat id; null for the app's 1:1 chat. */
  chatId: string | null;
  chatType: 'group' | 'single';
  kind: InboundKind;
  /** Text content with nothing stripped ('' when none); for `mixed`, the text parts joined by a space. */
  text: string;
  /** PicUrl of an image, Url of a link. */
  url?: string;
  title?: string;
  /** Event name for `kind: 'event'` (enter_agent, subscribe, …). */
  event?: string;
  /** CreateTime in ms where the message has one. */
  createdAt: number | null;
  /** Arrival time in ms. */
  receivedAt: number;
  /** The group robot's webhook for this chat, learned from its callbacks. */
  webhookUrl?: string;
  /** The AI bot's response_url. */
  responseUrl?: string;
}

/**
 * What the bot answers; the route encodes it for the channel. `markdown` is preferred where the channel renders
 * markdown; without it those channels get `text` escaped (see `replyMarkdown`).
 */
export interface Reply {
  text: string;
  markdown?: Markdown;
}

/** WeCom's limit for a markdown message. */
export const MARKDOWN_LIMIT_BYTES = 4096;

/**
 * A reply as the markdown channels (group robot, AI bot) show it: its own markdown, else its text made inert, so
 * what a learner typed is never live markup; cut at WeCom's markdown limit.
 * @example replyMarkdown({ text: '没有这个命令「/[奖](https://x)」' }) // '没有这个命令「/［奖］(https：//x)」'
 */
export function replyMarkdown(reply: Reply): Markdown {
  const markdown = reply.markdown ?? escapeMarkdown(reply.text);
  if (Buffer.byteLength(markdown) <= MARKDOWN_LIMIT_BYTES) return markdown;
  return splitUtf8(markdown, MARKDOWN_LIMIT_BYTES)[0] as Markdown;
}

/** The message pipeline's entry point as the transport sees it. */
export type MessageHandler = (message: InboundMessage) => Promise<Reply | null>;

/** True for a message from a group chat (as opposed to a 1:1 chat with the app or a bot). */
export function isGroupMessage(message: InboundMessage): boolean {
  return message.chatType === 'group' && message.chatId !== null;
}

/** Key that makes a message idempotent across WeCom's retries. */
export function dedupeKey(message: Pick<InboundMessage, 'channel' | 'msgId'>): string {
  return `${message.channel}:${message.msgId}`;
}

/** When a message happened: its CreateTime, never later than its arrival. */
export function happenedAt(message: InboundMessage): number {
  return message.createdAt === null ? message.receivedAt : Math.min(message.createdAt, message.receivedAt);
}
