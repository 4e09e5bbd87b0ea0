import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the mock API under `/api` in the Vite dev server only (`apply: 'serve'`): it is loaded on demand through
 * tsx, so nothing of it reaches the build.
 */
export function mockApiPlugin(): Plugin {
  let handler: Promise<Handler> | null = null;
  const load = async (): Promise<Handler> => {
    const { tsImport } = await import('tsx/esm/api');
    const mod = (await tsImport('./mock-api.ts', import.meta.url)) as typeof import('./mock-api.js');
    return mod.createMockApi().callback();
  };
  return {
    name: 'console-mock-api',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/')) return next();
        handler ??= load();
        handler.then((handle) => handle(req, res), next);
      });
    },
  };
}
