import { timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';
import { CallbackRejected } from '../errors.js';

/**
 * WeCom's msg_signature: sha1 over the sorted token, timestamp, nonce and ciphertext.
 * @example computeSignature('QDG6eK', '1409659589', '263014780', echostr) // '5c45ff5e…'
 */
export function computeSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return getSignature(token, timestamp, nonce, encrypt);
}

/**
 * Checks a callback's msg_signature in constant time; throws CallbackRejected(401) when it does not match.
 * @example verifySignature(token, query.timestamp, query.nonce, encrypt, query.msg_signature)
 */
export function verifySignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): void {
  const expected = Buffer.from(computeSignature(token, timestamp, nonce, encrypt), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on unequal lengths; compare against itself so both paths cost the same.
  const sameLength = given.length === expected.length;
  const equal = timingSafeEqual(expected, sameLength ? given : expected) && sameLength;
  if (!equal) throw new CallbackRejected(401, 'bad msg_signature');
}

/**
 * Rejects a callback whose timestamp (seconds) is more than `windowS` from `now()` (ms); `windowS` 0 turns it off.
 * @example checkTimestamp(query.timestamp, 300, Date.now)
 */
export function checkTimestamp(timestamp: string, windowS: number, now: () => number): void {
  if (windowS <= 0) return;
  if (!/^\d{1,12}$/.test(timestamp)) throw new CallbackRejected(401, 'bad timestamp');
  const skew = Math.abs(now() / 1000 - Number(timestamp));
  if (skew > windowS) throw new CallbackRejected(401, 'timestamp outside the replay window');
}
