import type { Context } from 'koa';
import { readBody } from '../bot/read-body.js';
import { ApiRefusal } from '../errors.js';

/** Uploads travel as base64 in JSON: 25 MB of body is about 18 MB of file. */
const API_BODY_LIMIT_BYTES = 25 * 1024 * 1024;

const BODY_TIMEOUT_MS = 60_000;

/** The request's JSON object body (`{}` when empty); anything else is a 400, an oversized body a 413. */
export async function readJsonBody(ctx: Context): Promise<Record<string, unknown>> {
  const text = await readBody(ctx.req, { maxBytes: API_BODY_LIMIT_BYTES, timeoutMs: BODY_TIMEOUT_MS });
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiRefusal(400, '请求格式不对（需要 JSON 对象）');
  return value as Record<string, unknown>;
}
