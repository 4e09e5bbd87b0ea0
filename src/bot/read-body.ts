import type { IncomingMessage } from 'node:http';
import { CallbackRejected } from '../errors.js';

/**
 * Reads a request body as UTF-8, never buffering more than `limit` bytes: CallbackRejected(413) past it (checked on
 * Content-Length first), CallbackRejected(400) when the client aborts.
 * @example const body = await readBody(ctx.req, 64 * 1024);
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
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
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    // Listeners stay attached after finishing: the rest of an oversized body is drained and discarded, and a late
    // 'error' (client reset) must still find a listener rather than crash the process.
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) finish(new CallbackRejected(413, 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => finish(null));
    req.on('error', () => finish(new CallbackRejected(400, 'body aborted')));
    req.on('aborted', () => finish(new CallbackRejected(400, 'body aborted')));
  });
}
