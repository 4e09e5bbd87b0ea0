import { describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope } from '../../src/bot/envelope.js';
import { encryptRaw, layout, pad32 } from './craft-ciphertext.js';
import { OFFICIAL } from './official-vectors.js';
import { rejectionStatus } from '../support/rejection-status.js';

const { encodingAesKey: key, corpId } = OFFICIAL;

describe('openEnvelope on the official samples', () => {
  it('decrypts the URL verification echostr to its echo string', () => {
    expect(openEnvelope(key, OFFICIAL.verify.echostr, corpId)).toBe(OFFICIAL.verify.echo);
  });

  it('decrypts the sample POST to the text message "hello" from mycreate', () => {
    const xml = openEnvelope(key, OFFICIAL.post.encrypt, corpId);
    expect(xml).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('rejects the right ciphertext for another receiveid (the bots expect "") with 400', () => {
    expect(rejectionStatus(() => openEnvelope(key, OFFICIAL.verify.echostr, ''))).toBe(400);
    expect(rejectionStatus(() => openEnvelope(key, OFFICIAL.verify.echostr, 'wwOtherCorp'))).toBe(400);
  });
});

describe('openEnvelope refuses malformed ciphertext with 400', () => {
  const good = OFFICIAL.post.encrypt;

  it.each([
    ['empty', ''],
    ['non-base64 characters', `${good.slice(0, -8)}!!!!!!==`],
    ['base64 with whitespace', `${good.slice(0, 20)} ${good.slice(21)}`],
    ['url-safe alphabet', good.replace(/\+/g, '-').replace(/\//g, '_')],
    ['length not a multiple of 4', good.slice(0, -1)],
    ['truncated by one block', Buffer.from(good, 'base64').subarray(0, -16).toString('base64')],
    ['truncated mid-block', Buffer.from(good, 'base64').subarray(0, -5).toString('base64')],
    ['one block of random bytes', Buffer.alloc(16, 3).toString('base64')],
    ['random 96 bytes', Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37 + 11) % 256)).toString('base64')],
  ])('%s', (_label, ciphertext) => {
    expect(rejectionStatus(() => openEnvelope(key, ciphertext, corpId))).toBe(400);
  });

  it('a well-formed envelope built by hand is accepted (the crafting helper is faithful)', () => {
    const crafted = encryptRaw(key, pad32(layout('<xml/>', corpId)));
    expect(openEnvelope(key, crafted, corpId)).toBe('<xml/>');
  });

  it('bad PKCS#7 padding: a pad byte of 0, a pad byte above 32, inconsistent pad bytes, 16-byte padding', () => {
    const body = layout('<xml>hi</xml>', corpId); // 16+4+13+18 = 51 bytes
    const zeroPad = Buffer.concat([body, Buffer.alloc(13, 0)]);
    const bigPad = Buffer.concat([body, Buffer.alloc(13, 40)]);
    const mixedPad = Buffer.concat([body, Buffer.alloc(12, 13), Buffer.from([12])]);
    // 40 bytes padded to 48 as if blocks were 16; WeCom pads to 32, so 24 bytes of 24 were due.
    const sixteenStyle = Buffer.concat([layout('ok', corpId), Buffer.alloc(8, 8)]);
    for (const plain of [zeroPad, bigPad, mixedPad, sixteenStyle]) {
      expect(plain.length % 16).toBe(0);
      expect(rejectionStatus(() => openEnvelope(key, encryptRaw(key, plain), corpId))).toBe(400);
    }
  });

  it('a declared message length longer than the plaintext, or one that eats the receiveid', () => {
    expect(rejectionStatus(() => openEnvelope(key, encryptRaw(key, pad32(layout('<xml/>', corpId, 5000))), corpId))).toBe(400);
    expect(rejectionStatus(() => openEnvelope(key, encryptRaw(key, pad32(layout('<xml/>', corpId, 6 + corpId.length))), corpId))).toBe(400);
  });

  it('a plaintext that is not UTF-8', () => {
    const plain = pad32(Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2, 0xff, 0xfe]), Buffer.from(corpId)]));
    expect(rejectionStatus(() => openEnvelope(key, encryptRaw(key, plain), corpId))).toBe(400);
  });
});

describe('sealEnvelope', () => {
  it('round-trips Chinese text and uses a fresh random prefix each time', () => {
    const a = sealEnvelope(key, '你好，学员 /help', '');
    const b = sealEnvelope(key, '你好，学员 /help', '');
    expect(a).not.toBe(b);
    expect(openEnvelope(key, a, '')).toBe('你好，学员 /help');
    expect(Buffer.from(a, 'base64').length % 32).toBe(0);
  });
});
