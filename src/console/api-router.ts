import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { CampConfig } from '../camp/camp-config.js';
import { loadCamp } from '../db/camp-store.js';
import { ROLE_LABELS, rolesOf, type Role } from '../db/roster-store.js';
import { ApiRefusal } from '../errors.js';
import { answerFailure } from './answer-failure.js';
import type { ConsoleDeps } from './console-deps.js';
import { consoleSessionOf } from './console-session.js';
import { readJsonBody } from './read-json-body.js';
import { csrfTokenOf, sameText, type ConsoleSession } from './session-cookie.js';

export type Method = 'get' | 'post' | 'put';

/** A signed-in request: who, when, and its JSON body (`{}` for GET). */
export interface ApiRequest {
  ctx: Context;
  userid: string;
  /** The session's CSRF token (what `/api/me` hands out). */
  csrf: string;
  now: number;
  body: Record<string, unknown>;
}

/** A request in one camp the caller holds an allowed role in. */
export interface CampRequest extends ApiRequest {
  campId: string;
  camp: CampConfig;
  roles: Role[];
}

/** Registers the console's JSON routes, each behind the checks of docs/console-api.md, in their order. */
export interface ConsoleApi {
  deps: ConsoleDeps;
  /** A route for any signed-in user: session (401), CSRF on changes (403), body (400). */
  user(method: Method, path: string, handler: (req: ApiRequest) => Promise<unknown>): void;
  /** A camp route `/api/camps/:id<path>`: session (401), camp and role (403), CSRF on changes (403), body (400). */
  camp(method: Method, path: string, roles: readonly Role[], handler: (req: CampRequest) => Promise<unknown>): void;
  /** Adds the answer for every other `/api` path (401 or 404); call after the routes. */
  finish(): void;
}

const API_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/** The console API on `router`: handlers return the JSON to answer (or set `ctx.body` themselves, e.g. files). */
export function consoleApi(router: Router, deps: ConsoleDeps): ConsoleApi {
  const guarded = (method: Method, path: string, run: (ctx: Context, session: ConsoleSession, csrf: string) => Promise<unknown>) => {
    router[method](`/api${path}`, async (ctx) => {
      ctx.set(API_HEADERS);
      try {
        const secret = deps.settings.sessionSecret;
        if (!secret) throw new ApiRefusal(503, '控制台未启用：服务器没有配置 SESSION_SECRET');
        const session = consoleSessionOf(ctx, secret, deps.now()) ?? refuseUnsigned();
        const result = await run(ctx, session, csrfTokenOf(secret, session));
        if (result !== undefined) ctx.body = result;
      } catch (error) {
        answerFailure(ctx, error, deps.log);
      }
    });
  };
  const request = async (ctx: Context, method: Method, session: ConsoleSession, csrf: string): Promise<ApiRequest> => {
    if (method !== 'get' && !sameText(ctx.get('x-csrf-token'), csrf)) throw new ApiRefusal(403, '页面已过期，请刷新后再试');
    const body = method === 'get' ? {} : await readJsonBody(ctx);
    return { ctx, userid: session.userid, csrf, now: deps.now(), body };
  };
  return {
    deps,
    user: (method, path, handler) => guarded(method, path, async (ctx, session, csrf) => handler(await request(ctx, method, session, csrf))),
    camp: (method, path, roles, handler) => guarded(method, `/camps/:id${path}`, async (ctx, session, csrf) => {
      const campId = ctx.params.id ?? '';
      const { camp, roles: held } = await campOf(deps, campId, session.userid);
      if (!held.some((role) => roles.includes(role))) throw new ApiRefusal(403, `这项功能只对${roles.map((r) => ROLE_LABELS[r]).join('、')}开放`);
      return handler({ ...(await request(ctx, method, session, csrf)), campId, camp, roles: held });
    }),
    finish: () => {
      for (const method of ['get', 'post', 'put'] as const) guarded(method, '/{*rest}', async () => refuseUnknown());
    },
  };
}

async function campOf(deps: ConsoleDeps, campId: string, userid: string): Promise<{ camp: CampConfig; roles: Role[] }> {
  const roles = await rolesOf(deps.store, campId, userid);
  const camp = roles.length > 0 ? await loadCamp(deps.store, campId) : null;
  if (!camp) throw new ApiRefusal(403, '你不在这个训练营里');
  return { camp, roles };
}

function refuseUnsigned(): never {
  throw new ApiRefusal(401, '请先登录（重新打开控制台）');
}

function refuseUnknown(): never {
  throw new ApiRefusal(404, '没有这个接口');
}
