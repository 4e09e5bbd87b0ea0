import type { Context } from 'koa';
import { readSession, type ConsoleSession } from './session-cookie.js';

/** The console's session cookie (HttpOnly, SameSite=Lax, signed with SESSION_SECRET). */
export const SESSION_COOKIE = 'campbot_session';

/** The request's valid console session, or null. */
export function consoleSessionOf(ctx: Context, secret: string, now: number): ConsoleSession | null {
  return readSession(secret, ctx.cookies.get(SESSION_COOKIE), now);
}
