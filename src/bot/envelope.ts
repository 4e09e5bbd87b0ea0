import { decrypt, encrypt } from '@wecom/crypto';
import { CallbackRejected } from '../errors.js';
import { takeRandomBytes } from './random-pool.js';

// WeCom bodies are ≤ 64 KiB, so a larger ciphertext is never genuine.
const MAX_CIPHERTEXT_CHARS = 96 * 1024;
const STRICT_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decrypts a WeCom `Encrypt` value and checks everything the library does not: strict base64, whole AES blocks,
 * PKCS#7 padding to 32 bytes, the declared message length, UTF-8, and that the receiveid is `expectedReceiveId`
 * (the CorpID for the app, `""` for the group bots). Any failure is CallbackRejected(400).
 * @example openEnvelope(config.encodingAesKey, xml.Encrypt, config.corpId) // '<xml>…</xml>'
 */
export function openEnvelope(encodingAesKey: string, ciphertext: string, expectedReceiveId: string): string {
  checkCiphertextShape(ciphertext);
  let opened: { message: string; id: string; random: Buffer };
  try {
    opened = decrypt(encodingAesKey, ciphertext);
  } catch {
    throw new CallbackRejected(400, 'undecryptable Encrypt');
  }
  // The IV is fixed (first 16 key bytes), so only a well-formed plaintext re-encrypts to the very same ciphertext:
  // this one comparison covers padding, the length field and invalid UTF-8.
  if (reseal(encodingAesKey, opened) !== ciphertext) throw new CallbackRejected(400, 'malformed Encrypt');
  if (opened.id !== expectedReceiveId) throw new CallbackRejected(400, 'receiveid mismatch');
  return opened.message;
}

/**
 * Encrypts a reply for WeCom with a fresh random prefix.
 * @example sealEnvelope(config.encodingAesKey, '<xml>…</xml>', config.corpId)
 */
export function sealEnvelope(encodingAesKey: string, plaintext: string, receiveId: string): string {
  return encrypt(encodingAesKey, plaintext, receiveId, takeRandomBytes(16));
}

function checkCiphertextShape(ciphertext: string): void {
  if (typeof ciphertext !== 'string' || ciphertext.length === 0) throw new CallbackRejected(400, 'missing Encrypt');
  if (ciphertext.length > MAX_CIPHERTEXT_CHARS) throw new CallbackRejected(400, 'Encrypt too long');
  if (ciphertext.length % 4 !== 0 || !STRICT_BASE64.test(ciphertext)) {
    throw new CallbackRejected(400, 'Encrypt is not base64');
  }
  const padding = ciphertext.endsWith('==') ? 2 : ciphertext.endsWith('=') ? 1 : 0;
  const bytes = (ciphertext.length / 4) * 3 - padding;
  if (bytes === 0 || bytes % 16 !== 0) throw new CallbackRejected(400, 'Encrypt is not whole AES blocks');
}

function reseal(encodingAesKey: string, opened: { message: string; id: string; random: Buffer }): string | null {
  if (opened.random.length !== 16) return null;
  try {
    return encrypt(encodingAesKey, opened.message, opened.id, opened.random);
  } catch {
    return null;
  }
}
