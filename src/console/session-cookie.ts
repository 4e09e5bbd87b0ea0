import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in console user: who, which sign-in (`sid`, what the CSRF token derives from), and until when (ms). */
export interface ConsoleSession {
  userid: string;
  sid: string;
  expiresAt: number;
}

/** How long a sign-in lasts: a working day (inside WeCom signing in again is silent). */
export const SESSION_TTL_MS = 12 * 3_600_000;

const mac = (secret: string, purpose: string, data: string): string =>
  createHmac('sha256', secret).update(purpose).update('\0').update(data).digest('base64url');

/** A new session for `userid`, valid for SESSION_TTL_MS from `now`. */
export function newSession(userid: string, now: number): ConsoleSession {
  return { userid, sid: randomBytes(16).toString('base64url'), expiresAt: now + SESSION_TTL_MS };
}

/** The cookie value: the session as base64url JSON and its HMAC with SESSION_SECRET. */
export function signSession(secret: string, session: ConsoleSession): string {
  const payload = Buffer.from(JSON.stringify({ u: session.userid, s: session.sid, e: session.expiresAt })).toString('base64url');
  return `${payload}.${mac(secret, 'session', payload)}`;
}

/** The session a cookie carries, or null when it is missing, forged, malformed or expired. */
export function readSession(secret: string, cookie: string | undefined, now: number): ConsoleSession | null {
  const [payload, signature, extra] = (cookie ?? '').split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, mac(secret, 'session', payload))) return null;
  try {
    const { u, s, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof u !== 'string' || !u || typeof s !== 'string' || typeof e !== 'number' || e <= now) return null;
    return { userid: u, sid: s, expiresAt: e };
  } catch {
    return null;
  }
}

/** The session's CSRF token (`/api/me`'s `csrf`): derived, so any instance checks it without storing it. */
export function csrfTokenOf(secret: string, session: ConsoleSession): string {
  return mac(secret, 'csrf', session.sid);
}

/** Constant-time comparison of two texts. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
