import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors.js';

/** What a certificate is issued for; the same inputs always give the same code (retries are idempotent). */
export interface CertificateSubject {
  campId: string;
  award: string;
  userid: string;
  publicationId: number;
}

/*
 * Code layout: 20 Crockford base32 characters shown as XXXXX-XXXXX-XXXXX-XXXXX.
 *   id  (first 10 chars, 50 bits) = HMAC(secret, "cert-id:v1" + subject) — unique per certificate and not
 *       guessable from the (semi-public) camp, award and userid.
 *   tag (last 10 chars, 50 bits)  = HMAC(secret, "cert-tag:v1" + id) — proves we issued this id.
 * The whole normalized code is the `certificates.code` primary key, so /verify first checks the tag offline
 * (cheap rejection of typos and forgeries without touching the database) and then looks the row up.
 * 50-bit tags make online guessing hopeless; 50-bit ids keep collisions negligible (birthday ≈ 2^25 codes).
 * Crockford's alphabet has no I, L, O, U, so a code read aloud or retyped survives; `normalizeCertificateCode`
 * maps the usual slips (lower case, O→0, I/L→1, spaces, missing dashes) back to the canonical form.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PART_CHARS = 10;
const CODE_CHARS = 2 * PART_CHARS;
const GROUP = 5;
const MAX_INPUT = 64;

/**
 * Signs a certificate verification code with `CERT_SECRET` (ConfigError when it is empty).
 * @example signCertificateCode(secret, { campId: 'c1', award: 'top', userid: 'zhangsan', publicationId: 3 })
 *   // → '7K2QD-M0X4B-9TNZP-HC31R' (shape; the value depends on the secret)
 */
export function signCertificateCode(secret: string, subject: CertificateSubject): string {
  if (secret.length === 0) throw new ConfigError('CERT_SECRET is required to issue certificates');
  const canonical = JSON.stringify([subject.campId, subject.award, subject.userid, subject.publicationId]);
  const id = base32Prefix(hmac(secret, `cert-id:v1\u0000${canonical}`), PART_CHARS);
  return group(id + tagFor(secret, id));
}

/**
 * True only for a well-formed code whose tag was made with `secret`. Never throws: altered, truncated or
 * garbage input is simply false. Accepts the forms `normalizeCertificateCode` accepts.
 */
export function verifyCertificateCode(secret: string, code: unknown): boolean {
  const canonical = normalizeCertificateCode(code);
  if (canonical === null || secret.length === 0) return false;
  const plain = canonical.replaceAll('-', '');
  const id = plain.slice(0, PART_CHARS);
  const expected = Buffer.from(tagFor(secret, id), 'ascii');
  const given = Buffer.from(plain.slice(PART_CHARS), 'ascii');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The canonical `XXXXX-XXXXX-XXXXX-XXXXX` form (the database key) of what a person typed, or null when it
 * cannot be a code. Case, spaces, dashes and the look-alikes O/I/L are forgiven.
 */
export function normalizeCertificateCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const plain = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (plain.length !== CODE_CHARS) return null;
  for (const ch of plain) if (!ALPHABET.includes(ch)) return null;
  return group(plain);
}

function tagFor(secret: string, id: string): string {
  return base32Prefix(hmac(secret, `cert-tag:v1\u0000${id}`), PART_CHARS);
}

function hmac(secret: string, message: string): Buffer {
  return createHmac('sha256', secret).update(message, 'utf8').digest();
}

/** The first `chars` × 5 bits of `bytes` in Crockford base32 (an encoding, not crypto). */
function base32Prefix(bytes: Buffer, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    const bit = i * 5;
    const word = ((bytes[bit >> 3] ?? 0) << 8) | (bytes[(bit >> 3) + 1] ?? 0);
    out += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return out;
}

function group(plain: string): string {
  const parts: string[] = [];
  for (let i = 0; i < plain.length; i += GROUP) parts.push(plain.slice(i, i + GROUP));
  return parts.join('-');
}
