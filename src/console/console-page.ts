import type { Context } from 'koa';
import { consoleSecurityHeaders } from './console-headers.js';

/**
 * A one-line HTML answer for the console's sign-in (a refusal, or the console switched off), with a link to start
 * again where that helps.
 */
export function consolePage(ctx: Context, status: number, message: string, retry = false): void {
  ctx.status = status;
  ctx.set(consoleSecurityHeaders());
  ctx.type = 'text/html; charset=utf-8';
  const again = retry ? '<p><a href="/console">重新打开控制台</a></p>' : '';
  ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>训练营控制台</title></head><body><p>${message}</p>${again}</body></html>`;
}
