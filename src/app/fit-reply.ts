import type { Reply } from '../bot/inbound-message.js';
import { splitUtf8 } from '../bot/split-utf8.js';

/** WeCom's limit for a text message; passive replies longer than this are cut by WeCom itself. */
export const REPLY_TEXT_LIMIT_BYTES = 2048;
const MORE = '\n…（内容较长，已截断）';

/**
 * Keeps a reply within WeCom's text limit, cutting on a line or character boundary and saying so.
 * @example fitReply({ text: '很长…' }).text.length
 */
export function fitReply(reply: Reply): Reply {
  if (Buffer.byteLength(reply.text) <= REPLY_TEXT_LIMIT_BYTES) return reply;
  const head = splitUtf8(reply.text, REPLY_TEXT_LIMIT_BYTES - Buffer.byteLength(MORE))[0] ?? '';
  return { ...reply, text: head.replace(/\n$/u, '') + MORE };
}
