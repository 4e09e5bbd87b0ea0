import { Builder } from 'xml2js';
import { aiBotStream, newStreamId } from './ai-bot-stream.js';
import { type InboundMessage, type Reply, replyMarkdown } from './inbound-message.js';
import { sealEnvelope } from './envelope.js';
import { takeRandomBytes } from './random-pool.js';
import { computeSignature } from './signature.js';

/** A channel's callback secrets and the receiveid its envelopes carry (CorpID for the app, '' for the bots). */
export interface ChannelKeys {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}

/** The timestamp (seconds, as text) and nonce a passive reply is signed with. */
export interface ReplyStamp {
  timestamp: string;
  nonce: string;
}

/** An encoded HTTP answer. */
export interface EncodedReply {
  body: string;
  contentType: string;
}

const builder = new Builder({ rootName: 'xml', headless: true, cdata: true, renderOpts: { pretty: false } });
// Characters XML 1.0 cannot carry; they would make the builder throw on user-supplied text.
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Encodes a reply as the passive answer of `message`'s channel: the app gets an encrypted XML `text`, the group
 * robot an encrypted XML `markdown`, the AI bot an encrypted JSON `stream` with `finish: true` (both markdown, made
 * with `replyMarkdown`, so plain text arrives escaped).
 * @example encodePassiveReply({ text: '已签到' }, message, keys, newReplyStamp(Date.now()))
 */
export function encodePassiveReply(reply: Reply, message: InboundMessage, keys: ChannelKeys, stamp: ReplyStamp): EncodedReply {
  switch (message.channel) {
    case 'app':
      return xmlEnvelope(appPlaintext(reply, message, keys.receiveId), keys, stamp);
    case 'group-robot':
      return xmlEnvelope(groupRobotPlaintext(reply), keys, stamp);
    case 'ai-bot':
      return jsonEnvelope(aiBotPlaintext(reply), keys, stamp);
  }
}

/** A fresh stamp for a reply sent at `nowMs`. */
export function newReplyStamp(nowMs: number): ReplyStamp {
  return { timestamp: String(Math.floor(nowMs / 1000)), nonce: String(takeRandomBytes(4).readUInt32BE(0)) };
}

function appPlaintext(reply: Reply, message: InboundMessage, corpId: string): string {
  return builder.buildObject({
    ToUserName: xmlText(message.from.userid),
    FromUserName: xmlText(corpId),
    CreateTime: Math.floor(message.receivedAt / 1000),
    MsgType: 'text',
    Content: xmlText(reply.text),
  });
}

function groupRobotPlaintext(reply: Reply): string {
  return builder.buildObject({ MsgType: 'markdown', Markdown: { Content: xmlText(replyMarkdown(reply)) } });
}

function aiBotPlaintext(reply: Reply): string {
  return JSON.stringify(aiBotStream(newStreamId(), replyMarkdown(reply)));
}

function xmlEnvelope(plaintext: string, keys: ChannelKeys, stamp: ReplyStamp): EncodedReply {
  const encrypt = sealEnvelope(keys.encodingAesKey, plaintext, keys.receiveId);
  const body = builder.buildObject({
    Encrypt: encrypt,
    MsgSignature: computeSignature(keys.token, stamp.timestamp, stamp.nonce, encrypt),
    TimeStamp: stamp.timestamp,
    Nonce: stamp.nonce,
  });
  return { body, contentType: 'application/xml; charset=utf-8' };
}

function jsonEnvelope(plaintext: string, keys: ChannelKeys, stamp: ReplyStamp): EncodedReply {
  const encrypt = sealEnvelope(keys.encodingAesKey, plaintext, keys.receiveId);
  const msgsignature = computeSignature(keys.token, stamp.timestamp, stamp.nonce, encrypt);
  const body = JSON.stringify({ encrypt, msgsignature, timestamp: stamp.timestamp, nonce: stamp.nonce });
  return { body, contentType: 'application/json; charset=utf-8' };
}

function xmlText(text: string): string {
  return text.replace(NOT_XML_CHARS, '');
}
