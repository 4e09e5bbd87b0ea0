import { describe, expect, it } from 'vitest';
import { checkTimestamp, computeSignature, verifySignature } from '../../src/bot/signature.js';
import { CallbackRejected } from '../../src/errors.js';
import { OFFICIAL } from './official-vectors.js';

const { token, verify, post } = OFFICIAL;

function rejection(run: () => void): CallbackRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof CallbackRejected) return error;
    throw error;
  }
  throw new Error('expected a CallbackRejected');
}

describe('computeSignature', () => {
  it('reproduces the official URL verification and message signatures', () => {
    expect(computeSignature(token, verify.timestamp, verify.nonce, verify.echostr)).toBe(verify.msgSignature);
    expect(computeSignature(token, post.timestamp, post.nonce, post.encrypt)).toBe(post.msgSignature);
  });
});

describe('verifySignature', () => {
  it('accepts the official signature', () => {
    expect(() => verifySignature(token, post.timestamp, post.nonce, post.encrypt, post.msgSignature)).not.toThrow();
  });

  it('rejects a signature that differs in one hex digit, a different length, or a different token', () => {
    const flipped = `${post.msgSignature.slice(0, -1)}${post.msgSignature.endsWith('3') ? '4' : '3'}`;
    expect(rejection(() => verifySignature(token, post.timestamp, post.nonce, post.encrypt, flipped)).status).toBe(401);
    expect(rejection(() => verifySignature(token, post.timestamp, post.nonce, post.encrypt, 'abc')).status).toBe(401);
    expect(rejection(() => verifySignature(token, post.timestamp, post.nonce, post.encrypt, '')).status).toBe(401);
    expect(rejection(() => verifySignature('other', post.timestamp, post.nonce, post.encrypt, post.msgSignature)).status).toBe(401);
  });

  it('rejects when the signed ciphertext or nonce changed', () => {
    const changed = `A${post.encrypt.slice(1)}`;
    expect(rejection(() => verifySignature(token, post.timestamp, post.nonce, changed, post.msgSignature)).status).toBe(401);
    expect(rejection(() => verifySignature(token, post.timestamp, '1', post.encrypt, post.msgSignature)).status).toBe(401);
  });
});

describe('checkTimestamp', () => {
  const now = () => 1_700_000_000_000;

  it('accepts timestamps within the window on either side, including its edge', () => {
    expect(() => checkTimestamp('1700000000', 300, now)).not.toThrow();
    expect(() => checkTimestamp('1699999700', 300, now)).not.toThrow();
    expect(() => checkTimestamp('1700000300', 300, now)).not.toThrow();
  });

  it('rejects 301 s in the past or future, and non-numeric timestamps, with 401', () => {
    expect(rejection(() => checkTimestamp('1699999699', 300, now)).status).toBe(401);
    expect(rejection(() => checkTimestamp('1700000301', 300, now)).status).toBe(401);
    expect(rejection(() => checkTimestamp('17e8', 300, now)).status).toBe(401);
    expect(rejection(() => checkTimestamp('', 300, now)).status).toBe(401);
  });

  it('is off when the window is 0, so 2014 sample timestamps pass', () => {
    expect(() => checkTimestamp(post.timestamp, 0, now)).not.toThrow();
  });
});
