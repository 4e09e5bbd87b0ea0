import type { Context } from 'koa';
import { ApiRefusal, CallbackRejected, DatabaseBusy, UsageError, ValidationError } from '../errors.js';

const BODY_PROBLEMS: Record<number, string> = {
  400: '请求没有传完，请重试',
  408: '上传太慢，超时了，请重试',
  413: '文件太大（上限 25 MB），大的事件文件请用 camp-bot events import',
};

/**
 * Answers a failed console API request as `{ error, … }`: refusals with their status, a command's misuse and bad
 * input 400, a busy database 503, anything else 500 (logged). Whatever the request wrote was rolled back by then.
 */
export function answerFailure(ctx: Context, error: unknown, log: (line: string) => void): void {
  const [status, body] = failureOf(error);
  if (status === 500) log(`console ${ctx.method} ${ctx.path}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  ctx.status = status;
  ctx.body = body;
}

function failureOf(error: unknown): [number, Record<string, unknown>] {
  if (error instanceof ApiRefusal) return [error.status, { error: error.message, ...error.details }];
  if (error instanceof UsageError || error instanceof ValidationError) return [400, { error: error.message }];
  if (error instanceof CallbackRejected) return [error.status, { error: BODY_PROBLEMS[error.status] ?? error.message }];
  if (error instanceof DatabaseBusy) return [503, { error: error.message }];
  return [500, { error: '服务器出错了，本次未做任何更改，请稍后再试' }];
}
