import { randomBytes } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { rememberLoginState, takeLoginState } from '../db/console-login-states.js';
import { WeComApiError } from '../errors.js';
import type { ConsoleDeps } from './console-deps.js';
import { consolePage } from './console-page.js';
import { consoleSessionOf, SESSION_COOKIE } from './console-session.js';
import { newSession, sameText, SESSION_TTL_MS, signSession } from './session-cookie.js';
import { setCookie } from './set-cookie.js';
import { CALLBACK_PATH, isWeComBrowser, signInUrl } from './sign-in-urls.js';

const STATE_COOKIE = 'campbot_login';
const STATE_TTL_MS = 10 * 60_000;

/**
 * The console's sign-in (SPEC §12, contract): `GET /console/auth/callback` exchanges WeCom's code once for a signed
 * session cookie, and `requireSignIn` sends a browser without a valid session to WeCom's login with a fresh `state`,
 * single-use (recorded in the database, so any instance may take it) and bound to the browser (a cookie).
 */
export function installSignIn(router: Router, deps: ConsoleDeps): void {
  router.get(CALLBACK_PATH, (ctx) => signInCallback(ctx, deps));
}

/** Koa middleware for the console's pages: signed in → next; else a redirect to WeCom's login (503 without a secret). */
export function requireSignIn(deps: ConsoleDeps) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path.startsWith('/console/assets/')) return next();
    const secret = deps.settings.sessionSecret;
    if (!secret) return consolePage(ctx, 503, '控制台未启用：服务器没有配置 SESSION_SECRET（见 README「控制台」）');
    if (consoleSessionOf(ctx, secret, deps.now())) return next();
    const state = randomBytes(24).toString('base64url');
    const now = deps.now();
    await rememberLoginState(deps.store, state, now + STATE_TTL_MS, now);
    setCookie(ctx, STATE_COOKIE, state, { path: CALLBACK_PATH, maxAge: STATE_TTL_MS / 1000, secure: isHttps(deps) });
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(signInUrl(deps.settings, state, isWeComBrowser(ctx.get('user-agent'))));
  };
}

async function signInCallback(ctx: Context, deps: ConsoleDeps): Promise<void> {
  const secret = deps.settings.sessionSecret;
  if (!secret) return consolePage(ctx, 503, '控制台未启用：服务器没有配置 SESSION_SECRET（见 README「控制台」）');
  ctx.set('Cache-Control', 'no-store');
  const state = typeof ctx.query.state === 'string' ? ctx.query.state : '';
  const code = typeof ctx.query.code === 'string' ? ctx.query.code : '';
  const bound = ctx.cookies.get(STATE_COOKIE) ?? '';
  setCookie(ctx, STATE_COOKIE, '', { path: CALLBACK_PATH, maxAge: 0, secure: isHttps(deps) });
  if (!state || !bound || !sameText(state, bound) || !(await takeLoginState(deps.store, state, deps.now()))) {
    return consolePage(ctx, 400, '登录链接已失效或已用过，请重新打开控制台', true);
  }
  if (!code) return consolePage(ctx, 400, '企业微信没有给出登录码，请重新打开控制台', true);
  const userid = await exchange(deps, code);
  if (userid === 'refused') return consolePage(ctx, 401, '登录码已失效或已用过，请重新打开控制台', true);
  if (userid === 'unreachable') return consolePage(ctx, 502, '暂时连不上企业微信，请稍后重新打开控制台', true);
  if (userid === null) return consolePage(ctx, 403, '只有本企业的成员可以登录控制台');
  const session = newSession(userid, deps.now());
  setCookie(ctx, SESSION_COOKIE, signSession(secret, session), { path: '/', maxAge: SESSION_TTL_MS / 1000, secure: isHttps(deps) });
  ctx.redirect('/console');
}

/** The member behind a login code, null for a non-member, or why there is none. */
async function exchange(deps: ConsoleDeps, code: string): Promise<string | null | 'refused' | 'unreachable'> {
  try {
    return await deps.userIdByCode(code);
  } catch (error) {
    if (error instanceof WeComApiError) {
      if (error.errcode !== 40029) deps.log(`console sign-in: WeCom refused the code (errcode ${error.errcode}: ${error.hint ?? error.errmsg})`);
      return 'refused';
    }
    deps.log(`console sign-in: ${error instanceof Error ? error.message : String(error)}`);
    return 'unreachable';
  }
}

function isHttps(deps: ConsoleDeps): boolean {
  return deps.settings.publicBaseUrl.startsWith('https://');
}
