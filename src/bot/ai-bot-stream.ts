import type { Markdown } from './markdown.js';
import { takeRandomBytes } from './random-pool.js';

/** The AI bot's answer: a `stream` message, shown as markdown; `finish: true` ends it. */
export interface AiBotStream {
  msgtype: 'stream';
  stream: { id: string; finish: boolean; content: Markdown };
}

/**
 * An AI-bot stream message, as both the passive reply (callback) and `aibot_respond_msg` (long connection) carry it.
 * @example aiBotStream(newStreamId(), replyMarkdown({ text: '已签到' })) // { msgtype: 'stream', stream: { id, finish: true, content: '已签到' } }
 */
export function aiBotStream(id: string, content: Markdown, finish = true): AiBotStream {
  return { msgtype: 'stream', stream: { id, finish, content } };
}

/** A fresh, unguessable stream id. */
export function newStreamId(): string {
  return takeRandomBytes(12).toString('hex');
}
