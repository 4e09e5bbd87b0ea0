import { Agent, request } from 'node:http';
import type { FakeCallback } from '../fake-wecom/fake-wecom-callbacks.js';

export interface LoopbackPoster {
  post(callback: FakeCallback): Promise<{ status: number; body: string }>;
  close(): void;
}

/**
 * Posts callbacks over keep-alive connections with node:http: on loopback, where the server shares this process,
 * it costs a fraction of `fetch` per request, which is most of the demo's time.
 */
export function loopbackPoster(baseUrl: string, sockets: number): LoopbackPoster {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post: (callback) => new Promise((resolve, reject) => {
      const req = request(`${baseUrl}${callback.path}?${callback.query}`, { agent, method: 'POST', headers: { 'content-type': callback.contentType } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(callback.body);
    }),
    close: () => agent.destroy(),
  };
}
