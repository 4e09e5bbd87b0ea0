import { describe, expect, it } from 'vitest';
import { csrfTokenOf, newSession, readSession, SESSION_TTL_MS, signSession } from '../../src/console/session-cookie.js';

const SECRET = 'a-session-secret-for-tests';

describe('console session cookies', () => {
  it('reads back a signed session until it expires', () => {
    const session = newSession('ming', 1_000);
    const cookie = signSession(SECRET, session);
    expect(readSession(SECRET, cookie, 2_000)).toEqual(session);
    expect(readSession(SECRET, cookie, 1_000 + SESSION_TTL_MS)).toBeNull();
  });

  it('refuses a cookie signed with another secret, altered, or malformed', () => {
    const cookie = signSession(SECRET, newSession('ming', 1_000));
    const [payload, mac] = cookie.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ u: 'zhang', s: 'x', e: 9e15 })).toString('base64url');
    for (const bad of [signSession('another-secret-value', newSession('ming', 1_000)), `${forged}.${mac}`, payload, `${cookie}.x`, '', undefined]) {
      expect(readSession(SECRET, bad, 2_000)).toBeNull();
    }
  });

  it('derives a CSRF token per sign-in', () => {
    const first = newSession('ming', 1_000);
    const second = newSession('ming', 1_000);
    expect(csrfTokenOf(SECRET, first)).toBe(csrfTokenOf(SECRET, first));
    expect(csrfTokenOf(SECRET, first)).not.toBe(csrfTokenOf(SECRET, second));
  });
});
