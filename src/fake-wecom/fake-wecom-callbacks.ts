/**
 * What real WeCom does on the callback side, for tests and the demo only (the product talks to WECOM_API_BASE):
 * signed URL verification queries, signed and encrypted message callbacks for the app, the group robot and the AI
 * bot, and a checker for passive replies.
 */
import { randomBytes } from 'node:crypto';
import { Builder } from 'xml2js';
import { openEnvelope, sealEnvelope } from '../bot/envelope.js';
import type { Channel } from '../bot/inbound-message.js';
import { parseJson } from '../bot/parse-json.js';
import { parseXml, type XmlObject } from '../bot/parse-xml.js';
import { computeSignature } from '../bot/signature.js';
import { aiBotMessageBody, appMessageXml, groupRobotMessageXml, type FakeMessage } from './fake-inner-messages.js';

export type { FakeMessage } from './fake-inner-messages.js';

/** A channel's secrets as WeCom holds them; receiveId is the CorpID for the app, '' for the bots. */
export interface FakeKeys {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}

/** A ready-to-send callback request. */
export interface FakeCallback {
  path: '/wecom/app' | '/wecom/bot';
  query: string;
  body: string;
  contentType: string;
}

/** When and with what nonce WeCom signs; defaults to now and a random nonce. */
export interface SignOptions {
  timestamp?: number;
  nonce?: string;
}

const builder = new Builder({ rootName: 'xml', headless: true, cdata: true, renderOpts: { pretty: false } });

/** The query of WeCom's GET URL verification for `echo` (random digits by default). */
export function buildVerificationQuery(keys: FakeKeys, echo = String(randomBytes(6).readUIntBE(0, 6)), options: SignOptions = {}): { query: string; echo: string } {
  const echostr = sealEnvelope(keys.encodingAesKey, echo, keys.receiveId);
  return { query: signedQuery(keys.token, echostr, options, { echostr }), echo };
}

/** A signed, encrypted POST as `channel` would send it. */
export function buildCallback(channel: Channel, keys: FakeKeys, message: FakeMessage, options: SignOptions = {}): FakeCallback {
  return sealCallback(channel, keys, innerPlaintext(channel, keys, message), options);
}

/** Signs and encrypts an arbitrary plaintext (for malformed-content tests) into `channel`'s envelope. */
export function sealCallback(channel: Channel, keys: FakeKeys, plaintext: string, options: SignOptions = {}): FakeCallback {
  const encrypt = sealEnvelope(keys.encodingAesKey, plaintext, keys.receiveId);
  return signCiphertext(channel, keys, encrypt, options);
}

/** Wraps an already-made ciphertext (possibly broken on purpose) into a correctly signed callback. */
export function signCiphertext(channel: Channel, keys: FakeKeys, encrypt: string, options: SignOptions = {}): FakeCallback {
  const query = signedQuery(keys.token, encrypt, options, {});
  const path = channel === 'app' ? '/wecom/app' : '/wecom/bot';
  if (channel === 'ai-bot') return { path, query, body: JSON.stringify({ encrypt }), contentType: 'application/json' };
  const outer = channel === 'app' ? { ToUserName: keys.receiveId, Encrypt: encrypt, AgentID: '1000002' } : { Encrypt: encrypt };
  return { path, query, body: builder.buildObject(outer), contentType: 'text/xml' };
}

/** The decrypted body WeCom would put inside the envelope. */
export function innerPlaintext(channel: Channel, keys: FakeKeys, message: FakeMessage): string {
  if (channel === 'app') return builder.buildObject(appMessageXml(keys.receiveId, message));
  if (channel === 'group-robot') return builder.buildObject(groupRobotMessageXml(message));
  return JSON.stringify(aiBotMessageBody(message));
}

/** Sends a callback to a running server; resolves with status, body and content type. */
export async function postCallback(baseUrl: string, callback: FakeCallback): Promise<{ status: number; body: string; contentType: string }> {
  const response = await fetch(`${baseUrl}${callback.path}?${callback.query}`, {
    method: 'POST',
    headers: { 'content-type': callback.contentType },
    body: callback.body,
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** A decrypted passive reply: its plaintext and the parsed inner XML root (`xml`) or JSON object. */
export interface OpenedReply {
  plaintext: string;
  parsed: XmlObject | Record<string, unknown>;
  timestamp: string;
  nonce: string;
}

/** Verifies a passive reply's signature the way WeCom does and decrypts it; throws when anything is off. */
export function openPassiveReply(channel: Channel, keys: FakeKeys, body: string): OpenedReply {
  const envelope = channel === 'ai-bot' ? jsonEnvelope(body) : xmlEnvelope(body);
  const expected = computeSignature(keys.token, envelope.timestamp, envelope.nonce, envelope.encrypt);
  if (expected !== envelope.signature) throw new Error('passive reply signature does not verify');
  const plaintext = openEnvelope(keys.encodingAesKey, envelope.encrypt, keys.receiveId);
  const parsed = channel === 'ai-bot' ? (parseJson(plaintext) as Record<string, unknown>) : (parseXml(plaintext).xml as XmlObject);
  return { plaintext, parsed, timestamp: envelope.timestamp, nonce: envelope.nonce };
}

function signedQuery(token: string, encrypt: string, options: SignOptions, extra: Record<string, string>): string {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE(0));
  const msg_signature = computeSignature(token, timestamp, nonce, encrypt);
  return new URLSearchParams({ msg_signature, timestamp, nonce, ...extra }).toString();
}

function xmlEnvelope(body: string): { encrypt: string; signature: string; timestamp: string; nonce: string } {
  const root = parseXml(body).xml as XmlObject;
  return { encrypt: String(root.Encrypt), signature: String(root.MsgSignature), timestamp: String(root.TimeStamp), nonce: String(root.Nonce) };
}

function jsonEnvelope(body: string): { encrypt: string; signature: string; timestamp: string; nonce: string } {
  const json = parseJson(body) as Record<string, unknown>;
  return { encrypt: String(json.encrypt), signature: String(json.msgsignature), timestamp: String(json.timestamp), nonce: String(json.nonce) };
}
