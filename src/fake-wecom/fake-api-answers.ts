/**
 * Answer helpers shared by the fake WeCom API's handlers (for tests and the demo only).
 */
import type { Answer, FakeState, Handler } from './fake-api-types.js';

export const ok = (extra: Record<string, unknown> = {}): Answer => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });

export const fail = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg } });

export const nextId = (state: FakeState, prefix: string): string => `${prefix}-${++state.ids}`;

/** Checks `access_token` the way WeCom does (40014 unknown, 42001 expired) before running `handler`. */
export const requireToken =
  (handler: Handler): Handler =>
  (ctx) => {
    const expiresAt = ctx.state.tokens.get(ctx.query.access_token ?? '');
    if (expiresAt === undefined) return fail(40014, 'invalid access_token');
    if (Date.now() >= expiresAt) return fail(42001, 'access_token expired');
    return handler(ctx);
  };
