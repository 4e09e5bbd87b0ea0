import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Koa from 'koa';
import { serveConsoleAssets } from '../../src/console/serve-console-assets.js';
import { createMockApi } from './mock-api.js';

/** The built console served the way production will serve it, over the mock API, on a free loopback port. */
export async function startMockConsoleServer(): Promise<{ url: string; close(): void }> {
  const api = createMockApi().callback();
  const app = new Koa();
  app.use(serveConsoleAssets({ dir: join(import.meta.dirname, '..', 'dist') }));
  app.use((ctx) => {
    ctx.respond = false;
    api(ctx.req, ctx.res);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}
