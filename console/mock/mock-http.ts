import type { Router } from '@koa/router';
import type Koa from 'koa';
import type { ApiError, Role } from '../../src/console/api-types.js';
import type { MockCamp } from './mock-camp.js';

/** A refusal the API answers as `{ error, … }` with its status. */
export class Refusal extends Error {
  constructor(readonly status: number, message: string, readonly extra: Omit<ApiError, 'error'> = {}) {
    super(message);
  }
}

export function refuse(status: number, message: string, extra?: Omit<ApiError, 'error'>): never {
  throw new Refusal(status, message, extra);
}

/** What a guarded handler gets: the camp (when the path has `:id`), the caller and the JSON body. */
export interface MockRequest {
  ctx: Koa.Context;
  camp: MockCamp;
  userid: string;
  roles: Role[];
  body: Record<string, unknown>;
}

export interface MockServices {
  csrf: string;
  userid: string;
  campById(id: string): MockCamp | undefined;
}

type Method = 'get' | 'post' | 'put';

/**
 * A camp route that checks, in the real server's order: the session (the mock is always signed in), the camp and
 * the caller's role there (403), the CSRF header on changes (403), then runs the handler. 201 for POSTs that record.
 */
export function campRoute(router: Router, services: MockServices, method: Method, path: string, roles: readonly Role[], handler: (req: MockRequest) => unknown): void {
  router[method](`/camps/:id${path}`, async (ctx) => {
    const camp = services.campById(ctx.params.id ?? '');
    const mine = camp?.rolesOf(services.userid) ?? [];
    if (!camp || mine.length === 0) refuse(403, '你不在这个训练营里');
    if (!mine.some((role) => roles.includes(role))) refuse(403, `这个页面只对${roles.map((r) => ROLE_WORDS[r]).join('、')}开放`);
    if (method !== 'get') checkCsrf(ctx, services.csrf);
    const body = method === 'get' ? {} : await readJson(ctx);
    const result = await handler({ ctx, camp, userid: services.userid, roles: mine, body });
    if (ctx.body === undefined || ctx.body === null) ctx.body = result;
  });
}

export const ROLE_WORDS: Record<Role, string> = { learner: '学员', trainer: '培训老师', manager: '部门负责人', admin: '管理员' };

export function checkCsrf(ctx: Koa.Context, csrf: string): void {
  if (ctx.get('x-csrf-token') !== csrf) refuse(403, '页面已过期，请刷新后再试');
}

const LIMIT = 25 * 1024 * 1024;

export async function readJson(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) refuse(413, '文件太大（上限 25 MB）');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  refuse(400, '请求格式不对（需要 JSON 对象）');
}

/** Field readers that refuse with one friendly line. */
export function text(body: Record<string, unknown>, key: string, what: string, max = 2000): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') refuse(400, `请填写${what}`);
  if (value.length > max) refuse(400, `${what}太长（最多 ${max} 字）`);
  return value.trim();
}

export function score(body: Record<string, unknown>, key = 'score'): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) refuse(400, '分数需在 0–100 之间');
  return value;
}

export function whole(body: Record<string, unknown>, key: string, what: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) refuse(400, `${what}不正确`);
  return value;
}
