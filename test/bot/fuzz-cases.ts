/**
 * Hostile callback requests for the fuzz test, built from a seeded PRNG so every run sends the same cases: random
 * bytes, mutated valid callbacks (flipped base64, truncation, swapped signature characters, extreme timestamps),
 * correctly signed envelopes around broken ciphertext or hostile plaintext, bad query strings and headers.
 * Every case must fail a check (4xx) and record nothing.
 */
import type { Channel } from '../../src/bot/inbound-message.js';
import { buildCallback, type FakeCallback, type FakeKeys, sealCallback, signCiphertext } from '../../src/fake-wecom/fake-wecom-callbacks.js';

export interface FuzzCase {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  query: string;
  body: string | Buffer;
  headers: Record<string, string>;
}

export type Random = () => number;

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CHANNELS: Channel[] = ['app', 'group-robot', 'ai-bot'];

const int = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

function randomBytes(random: Random, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => int(random, 256)));
}

function randomString(random: Random, length: number, alphabet: string): string {
  return Array.from({ length }, () => alphabet[int(random, alphabet.length)]).join('');
}

/** Replaces one character with a different one from `alphabet`. */
function changeChar(random: Random, text: string, alphabet: string): string {
  const at = int(random, text.length);
  const others = alphabet.replace(text[at]!, '');
  return text.slice(0, at) + pick(random, [...others]) + text.slice(at + 1);
}

function toCase(kind: string, callback: FakeCallback, overrides: Partial<FuzzCase> = {}): FuzzCase {
  return { kind, method: 'POST', path: callback.path, query: callback.query, body: callback.body, headers: { 'content-type': callback.contentType }, ...overrides };
}

function encryptOf(callback: FakeCallback): string {
  const match = /"encrypt":"([^"]+)"|<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>|<Encrypt>([^<]+)<\/Encrypt>/.exec(callback.body);
  const encrypt = match?.[1] ?? match?.[2] ?? match?.[3];
  if (!encrypt) throw new Error(`no Encrypt in ${callback.body.slice(0, 80)}`);
  return encrypt;
}

/** A valid callback of a random channel with a fresh MsgId (what every mutation starts from). */
function validCallback(random: Random, keysOf: (channel: Channel) => FakeKeys, timestamp?: number): { channel: Channel; callback: FakeCallback } {
  const channel = pick(random, CHANNELS);
  const message = { from: 'ming', text: '我觉得这节课的方法很有用，值得在团队里推广', chatId: channel === 'app' ? undefined : 'wrGroupAiTest' };
  return { channel, callback: buildCallback(channel, keysOf(channel), message, timestamp === undefined ? {} : { timestamp }) };
}

function replaceEncrypt(callback: FakeCallback, encrypt: string): string {
  return callback.body.replace(encryptOf(callback), encrypt);
}

type Mutation = (random: Random, keysOf: (channel: Channel) => FakeKeys) => FuzzCase;

const HOSTILE_PLAINTEXTS: ((random: Random) => string)[] = [
  (r) => `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "${randomString(r, 8, BASE64)}">]><xml><MsgType>text</MsgType><Content>&a;</Content></xml>`,
  () => `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>`,
  () => `<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><Content>x</Content></xml>`,
  (r) => `<xml><${randomString(r, 5, 'abcdef')}>`,
  (r) => randomString(r, 1 + int(r, 300), '<>/="\'&;![]{}:,abc \n'),
  () => `<xml><__proto__><polluted>1</polluted></__proto__><constructor><prototype>1</prototype></constructor></xml>`,
  () => '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
  (r) => `{"msgid":${JSON.stringify(randomString(r, 12, BASE64))},"msgtype":`,
  (r) => JSON.stringify([randomString(r, 10, BASE64), 1, null]),
  () => '{"msgid":"1","from":{"userid":"ming"},"msgtype":"text","text":{"content":"/me"},"chattype":"single","aibotid":"x"', // truncated
  (r) => '['.repeat(2000 + int(r, 2000)),
  (r) => `<xml>${'<a>'.repeat(1000 + int(r, 1000))}</xml>`,
  () => '',
  (r) => randomBytes(r, 1 + int(r, 200)).toString('latin1'),
];

const MUTATIONS: [string, Mutation][] = [
  ['random bytes', (r) => ({ kind: 'random bytes', method: 'POST', path: pick(r, ['/wecom/app', '/wecom/bot']), query: pick(r, ['', 'msg_signature=a&timestamp=1&nonce=1']), body: randomBytes(r, int(r, 3000)), headers: { 'content-type': pick(r, ['text/xml', 'application/json', 'application/octet-stream']) } })],
  ['flipped base64', (r, k) => {
    const { callback } = validCallback(r, k);
    return toCase('flipped base64', callback, { body: replaceEncrypt(callback, changeChar(r, encryptOf(callback), BASE64)) });
  }],
  ['truncated body', (r, k) => {
    const { callback } = validCallback(r, k);
    return toCase('truncated body', callback, { body: callback.body.slice(0, int(r, callback.body.length)) });
  }],
  ['swapped signature chars', (r, k) => {
    const { callback } = validCallback(r, k);
    const query = new URLSearchParams(callback.query);
    const signature = query.get('msg_signature')!;
    const i = int(r, signature.length - 1);
    const swapped = signature[i] === signature[i + 1] ? changeChar(r, signature, '0123456789abcdef') : signature.slice(0, i) + signature[i + 1] + signature[i] + signature.slice(i + 2);
    query.set('msg_signature', r() < 0.2 ? swapped.toUpperCase() : swapped);
    return toCase('swapped signature chars', callback, { query: query.toString() });
  }],
  ['extreme timestamp', (r, k) => {
    const timestamp = pick(r, [-1, -86_400, 0, 2 ** 31, 2 ** 53, Math.floor(Date.now() / 1000) - 301, Math.floor(Date.now() / 1000) + 3600, 1e20]);
    return toCase('extreme timestamp', validCallback(r, k, timestamp).callback);
  }],
  ['non-numeric timestamp', (r, k) => {
    const { callback } = validCallback(r, k);
    const query = new URLSearchParams(callback.query);
    query.set('timestamp', pick(r, ['NaN', 'Infinity', '1e3', ' 1', '0x10', '-0', '１２３', randomString(r, 200, BASE64)]));
    return toCase('non-numeric timestamp', callback, { query: query.toString() });
  }],
  ['signed broken ciphertext', (r, k) => {
    const { channel, callback } = validCallback(r, k);
    const encrypt = encryptOf(callback);
    const bytes = Buffer.from(encrypt, 'base64');
    const broken = pick(r, [
      () => { const copy = Buffer.from(bytes); copy[copy.length - 1 - int(r, 16)]! ^= 1 + int(r, 255); return copy.toString('base64'); },
      () => bytes.subarray(0, bytes.length - 1 - int(r, 15)).toString('base64'),
      () => bytes.subarray(0, 16 * (1 + int(r, 2))).toString('base64'),
      () => randomBytes(r, 16 * (1 + int(r, 20))).toString('base64'),
      () => encrypt.slice(0, 1 + int(r, encrypt.length - 2)),
      () => randomString(r, 1 + int(r, 400), `${BASE64}=-_!~ `),
    ])();
    return toCase('signed broken ciphertext', signCiphertext(channel, k(channel), broken));
  }],
  ['signed hostile plaintext', (r, k) => {
    const channel = pick(r, CHANNELS);
    return toCase('signed hostile plaintext', sealCallback(channel, k(channel), pick(r, HOSTILE_PLAINTEXTS)(r)));
  }],
  ['wrong receiveid', (r, k) => {
    const keys = k('app');
    const callback = buildCallback('app', { ...keys, receiveId: pick(r, ['', 'wwsomeoneelse', `${keys.receiveId}x`, keys.receiveId.toUpperCase()]) }, { from: 'ming', text: '/me' });
    return toCase('wrong receiveid', callback);
  }],
  ['hostile outer body', (r, k) => {
    const { callback } = validCallback(r, k);
    const encrypt = encryptOf(callback);
    const body = pick(r, [
      `<!DOCTYPE xml [<!ENTITY e "${encrypt}">]><xml><Encrypt>&e;</Encrypt></xml>`,
      `{"__proto__":{"encrypt":${JSON.stringify(encrypt)}}}`,
      `{"encrypt":[${JSON.stringify(encrypt)}]}`,
      `<xml><Encrypt>${encrypt}</Encrypt><Encrypt>${encrypt}</Encrypt></xml>`,
      `<xml><Encrypt><a>${encrypt}</a></Encrypt></xml>`,
      `   ${randomString(r, 50, '{}[]<>"')}`,
    ]);
    return toCase('hostile outer body', callback, { body });
  }],
  ['oversized body', (r, k) => {
    const { callback } = validCallback(r, k);
    const padding = ' '.repeat(64 * 1024 + int(r, 64 * 1024));
    return toCase('oversized body', callback, { body: callback.body.replace('</xml>', `${padding}</xml>`).replace(/}$/, `${padding}}`) });
  }],
  ['bad query string', (r, k) => {
    const { callback } = validCallback(r, k);
    const query = pick(r, [
      '',
      `${callback.query}&msg_signature=${'0'.repeat(40)}`,
      callback.query.replace(/nonce=[^&]*/, ''),
      `msg_signature=%zz&timestamp=%&nonce=%%`,
      `${callback.query}`.replace(/=/g, '[]='),
      `msg_signature=${'a'.repeat(5000)}&timestamp=1&nonce=1`,
      randomString(r, int(r, 300), `${BASE64}&=%?#[]`),
    ]);
    return toCase('bad query string', callback, { query });
  }],
  ['hostile headers', (r, k) => {
    const { callback } = validCallback(r, k);
    const broken = new URLSearchParams(callback.query);
    broken.set('msg_signature', 'f'.repeat(40));
    const headers = pick<Record<string, string>>(r, [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': `text/xml; charset=${randomString(r, 20, BASE64)}` },
      { 'content-encoding': 'gzip', 'content-type': 'text/xml' },
      { 'x-forwarded-for': '1.2.3.4', 'x-junk': randomString(r, 4000, BASE64) },
      { 'content-type': randomString(r, 100, BASE64) },
    ]);
    return toCase('hostile headers', callback, { query: broken.toString(), headers });
  }],
  ['bad URL verification', (r, k) => {
    const channel = pick(r, CHANNELS);
    const keys = k(channel);
    const echostr = pick(r, [randomString(r, 24, BASE64), '', '%%%', randomBytes(r, 32).toString('base64')]);
    const signed = signCiphertext(channel, keys, echostr);
    const query = new URLSearchParams(signed.query);
    if (r() < 0.5) query.set('msg_signature', changeChar(r, query.get('msg_signature')!, '0123456789abcdef'));
    query.set('echostr', echostr);
    return { kind: 'bad URL verification', method: 'GET', path: signed.path, query: query.toString(), body: '', headers: {} };
  }],
];

/** `count` fuzz cases spread evenly over every mutation kind, reproducible from `seed`. */
export function buildFuzzCases(count: number, seed: number, keysOf: (channel: Channel) => FakeKeys): FuzzCase[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => MUTATIONS[i % MUTATIONS.length]![1](random, keysOf));
}
