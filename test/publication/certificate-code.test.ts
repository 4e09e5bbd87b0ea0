import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  normalizeCertificateCode,
  signCertificateCode,
  verifyCertificateCode,
  type CertificateSubject,
} from '../../src/publication/certificate-code.js';
import { ConfigError } from '../../src/errors.js';

const SECRET = 'test-cert-secret';
const SUBJECT: CertificateSubject = { campId: 'camp-2025', award: 'top_score', userid: 'zhangsan', publicationId: 7 };
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

/** Independent reference: top `chars`×5 bits of an HMAC, via BigInt instead of the bit reader under test. */
function referencePart(message: string, chars: number): string {
  const hex = createHmac('sha256', SECRET).update(message).digest('hex');
  let n = BigInt(`0x${hex}`) >> BigInt(256 - chars * 5);
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/** Replaces the character at `index` with a different alphabet character. */
function alter(code: string, index: number): string {
  const ch = code[index]!;
  const next = CROCKFORD[(CROCKFORD.indexOf(ch) + 1) % 32]!;
  return code.slice(0, index) + next + code.slice(index + 1);
}

describe('signCertificateCode', () => {
  it('makes a 20-character Crockford code in four dash-separated groups', () => {
    expect(signCertificateCode(SECRET, SUBJECT)).toMatch(SHAPE);
  });

  it('is id = HMAC(subject) and tag = HMAC(id), both truncated to 50 bits', () => {
    const id = referencePart(`cert-id:v1\u0000["camp-2025","top_score","zhangsan",7]`, 10);
    const tag = referencePart(`cert-tag:v1\u0000${id}`, 10);
    const plain = id + tag;
    const expected = [0, 5, 10, 15].map((i) => plain.slice(i, i + 5)).join('-');
    expect(signCertificateCode(SECRET, SUBJECT)).toBe(expected);
  });

  it('is deterministic and differs for every field of the subject', () => {
    const base = signCertificateCode(SECRET, SUBJECT);
    expect(signCertificateCode(SECRET, { ...SUBJECT })).toBe(base);
    const variants = [
      { ...SUBJECT, campId: 'camp-2026' },
      { ...SUBJECT, award: 'best_project' },
      { ...SUBJECT, userid: 'lisi' },
      { ...SUBJECT, publicationId: 8 },
    ].map((s) => signCertificateCode(SECRET, s));
    expect(new Set([base, ...variants]).size).toBe(5);
  });

  it('does not confuse field boundaries', () => {
    const a = signCertificateCode(SECRET, { ...SUBJECT, campId: 'a', award: 'bc' });
    const b = signCertificateCode(SECRET, { ...SUBJECT, campId: 'ab', award: 'c' });
    expect(a).not.toBe(b);
  });

  it('refuses an empty secret', () => {
    expect(() => signCertificateCode('', SUBJECT)).toThrow(ConfigError);
  });
});

describe('verifyCertificateCode', () => {
  const code = signCertificateCode(SECRET, SUBJECT);

  it('accepts the code it issued, also typed sloppily', () => {
    expect(verifyCertificateCode(SECRET, code)).toBe(true);
    expect(verifyCertificateCode(SECRET, ` ${code.toLowerCase().replaceAll('-', '')} `)).toBe(true);
  });

  it('rejects a code with any single character changed', () => {
    for (const index of [0, 4, 6, 10, 12, 16, 18, 22]) {
      expect(verifyCertificateCode(SECRET, alter(code, index))).toBe(false);
    }
  });

  it('rejects the code under another secret', () => {
    expect(verifyCertificateCode('another-secret', code)).toBe(false);
    expect(verifyCertificateCode('', code)).toBe(false);
  });

  it('rejects truncated, extended and garbage input without throwing', () => {
    const inputs: unknown[] = [
      code.slice(0, -1),
      `${code}A`,
      '',
      '-----',
      'hello',
      'UUUUU-UUUUU-UUUUU-UUUUU',
      '荣誉证书荣誉证书荣誉证书荣誉证书荣誉证书',
      'x'.repeat(10_000),
      undefined,
      null,
      42,
      { code },
    ];
    for (const input of inputs) expect(verifyCertificateCode(SECRET, input)).toBe(false);
  });
});

describe('normalizeCertificateCode', () => {
  it('maps look-alikes, case and spacing to the canonical key', () => {
    expect(normalizeCertificateCode('abcde fghjk-mnpqr stvwo')).toBe('ABCDE-FGHJK-MNPQR-STVW0');
    expect(normalizeCertificateCode('IiLl0-00000-00000-00000')).toBe('11110-00000-00000-00000');
  });

  it('returns null for what cannot be a code', () => {
    expect(normalizeCertificateCode('ABCDE-FGHJK-MNPQR-STVWU')).toBeNull();
    expect(normalizeCertificateCode('ABCDE-FGHJK-MNPQR')).toBeNull();
    expect(normalizeCertificateCode(12345)).toBeNull();
  });
});
