import type { IncomingMessage } from 'node:http';
import { CallbackRejected } from '../errors.js';

/** How much of a body is read, and how long its sender may take once the headers are in. */
export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

/**
 * Reads a request body as UTF-8, never buffering more than `maxBytes`: CallbackRejected(413) past it (checked on
 * Content-Length first), CallbackRejected(408) when the whole body has not arrived `timeoutMs` after the call (the
 * headers are in by then), CallbackRejected(400) when the client aborts.
 * @example const body = await readBody(ctx.req, { maxBytes: 64 * 1024, timeoutMs: 10_000 });
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    req.on('error', () => undefined);
    return Promise.reject(new CallbackRejected(413, 'body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: CallbackRejected | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const timer = setTimeout(() => finish(new CallbackRejected(408, 'body not received in time')), limits.timeoutMs);
    // Listeners stay attached after finishing: the rest of an oversized body is drained and discarded, and a late
    // 'error' (client reset) must still find a listener rather than crash the process.
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxBytes) finish(new CallbackRejected(413, 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => finish(null));
    req.on('error', () => finish(new CallbackRejected(400, 'body aborted')));
    req.on('aborted', () => finish(new CallbackRejected(400, 'body aborted')));
  });
}
