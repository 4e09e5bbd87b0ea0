import { CallbackRejected } from '../errors.js';
import type { Channel, InboundMessage } from './inbound-message.js';
import type { CallbackQuery } from './callback-query.js';
import { openEnvelope } from './envelope.js';
import { parseAiBotMessage } from './parse-ai-bot-message.js';
import { parseAppMessage } from './parse-app-message.js';
import { parseGroupRobotMessage } from './parse-group-robot-message.js';
import { parseJson } from './parse-json.js';
import { parseXml } from './parse-xml.js';
import type { ChannelKeys } from './passive-reply.js';
import { checkTimestamp, verifySignature } from './signature.js';

/** Everything needed to turn one POSTed callback into a message. */
export interface CallbackInput {
  channel: Channel;
  body: string;
  query: CallbackQuery;
  keys: ChannelKeys;
  replayWindowS: number;
  receivedAt: number;
  now: () => number;
}

const PARSERS: Record<Channel, (plaintext: string, receivedAt: number) => InboundMessage> = {
  app: parseAppMessage,
  'group-robot': parseGroupRobotMessage,
  'ai-bot': parseAiBotMessage,
};

/**
 * Checks, decrypts and parses a POSTed callback in WeCom's order of trust: replay window and signature (401), then
 * envelope and content (400). Nothing is trusted before the signature matches.
 * @example openCallback({ channel: 'app', body, query, keys, replayWindowS: 300, receivedAt: Date.now(), now: Date.now })
 */
export function openCallback(input: CallbackInput): InboundMessage {
  const { query, keys } = input;
  checkTimestamp(query.timestamp, input.replayWindowS, input.now);
  const encrypt = input.channel === 'ai-bot' ? jsonEncrypt(input.body) : xmlEncrypt(input.body);
  verifySignature(keys.token, query.timestamp, query.nonce, encrypt, query.signature);
  const plaintext = openEnvelope(keys.encodingAesKey, encrypt, keys.receiveId);
  return PARSERS[input.channel](plaintext, input.receivedAt);
}

/**
 * Answers WeCom's URL verification: checks the signature over echostr and returns its decrypted text.
 * @example verifyCallbackUrl(keys, readCallbackQuery(ctx.query), readEchostr(ctx.query)) // '1616140317555161061'
 */
export function verifyCallbackUrl(keys: ChannelKeys, query: CallbackQuery, echostr: string): string {
  verifySignature(keys.token, query.timestamp, query.nonce, echostr, query.signature);
  return openEnvelope(keys.encodingAesKey, echostr, keys.receiveId);
}

/**
 * Tells the two products that share `/wecom/bot` apart: a JSON body is the AI bot, an XML body the group robot.
 * @example botChannelOf('{"encrypt":"…"}') // 'ai-bot'
 */
export function botChannelOf(body: string): 'group-robot' | 'ai-bot' {
  const first = body.trimStart()[0];
  if (first === '{') return 'ai-bot';
  if (first === '<') return 'group-robot';
  throw new CallbackRejected(400, 'body is neither XML nor JSON');
}

function xmlEncrypt(body: string): string {
  const root = parseXml(body).xml;
  const encrypt = root !== null && typeof root === 'object' && !Array.isArray(root) ? root.Encrypt : undefined;
  if (typeof encrypt !== 'string') throw new CallbackRejected(400, 'XML body without Encrypt');
  return encrypt.trim();
}

function jsonEncrypt(body: string): string {
  const json = parseJson(body);
  const encrypt = json !== null && typeof json === 'object' ? (json as { encrypt?: unknown }).encrypt : undefined;
  if (typeof encrypt !== 'string') throw new CallbackRejected(400, 'JSON body without encrypt');
  return encrypt;
}
