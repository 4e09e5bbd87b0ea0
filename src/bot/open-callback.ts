import { CallbackRejected } from '../errors.js';
import type { Channel, InboundMessage } from './inbound-message.js';
import type { CallbackQuery } from './callback-query.js';
import { openEnvelope } from './envelope.js';
import { parseAiBotMessage } from './parse-ai-bot-message.js';
import { parseAppMessage } from './parse-app-message.js';
import { parseGroupRobotMessage } from './parse-group-robot-message.js';
import { checkXmlEnvelope, findJsonEncrypt, findXmlEncrypt } from './outer-envelope.js';
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
 * envelope and content (400). Before the signature matches, only the signed `Encrypt` value is picked out of the
 * body (by a scanner, never the XML parser); nothing else is read or trusted.
 * @example openCallback({ channel: 'app', body, query, keys, replayWindowS: 300, receivedAt: Date.now(), now: Date.now })
 */
export function openCallback(input: CallbackInput): InboundMessage {
  const { query, keys } = input;
  checkTimestamp(query.timestamp, input.replayWindowS, input.now);
  const xml = input.channel !== 'ai-bot';
  const encrypt = xml ? findXmlEncrypt(input.body) : findJsonEncrypt(input.body);
  verifySignature(keys.token, query.timestamp, query.nonce, encrypt, query.signature);
  if (xml) checkXmlEnvelope(input.body);
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
