import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';
import { consoleSecurityHeaders, WECOM_FRAME_ANCESTORS } from './console-headers.js';

export interface ConsoleAssetsOptions {
  /** The built app, `console/dist`. */
  dir: string;
  /** Origins allowed to frame the console besides itself; WeCom's by default. */
  frameAncestors?: readonly string[];
}

const PREFIX = '/console';
const HASHED = `${PREFIX}/assets/`;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves the built console under `/console`: hashed files of `/console/assets/` cached for a year (immutable), any
 * other page path the app's `index.html`, never cached, so a new build is picked up at once. Unknown assets are 404,
 * `/console/auth/…` and other prefixes are left to the next middleware (mount sign-in before this). Every answer
 * carries the console's security headers.
 * @example app.use(requireConsoleSession); app.use(serveConsoleAssets({ dir: 'console/dist' }));
 */
export function serveConsoleAssets(options: ConsoleAssetsOptions): Middleware {
  const root = resolve(options.dir);
  const headers = consoleSecurityHeaders(options.frameAncestors ?? WECOM_FRAME_ANCESTORS);
  return async (ctx, next) => {
    const path = ctx.path;
    const ours = path === PREFIX || path.startsWith(`${PREFIX}/`);
    if (!ours || path.startsWith(`${PREFIX}/auth/`) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set(headers);
    if (path.startsWith(HASHED)) return serveAsset(ctx, root, path.slice(HASHED.length));
    if (extname(path) !== '') {
      ctx.status = 404;
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = await readFile(join(root, 'index.html'));
  };
}

async function serveAsset(ctx: Parameters<Middleware>[0], root: string, name: string): Promise<void> {
  const file = resolve(root, 'assets', name);
  const type = TYPES[extname(name)];
  if (!type || !file.startsWith(`${root}${sep}assets${sep}`) || !(await isFile(file))) {
    ctx.status = 404;
    return;
  }
  ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
  ctx.type = type;
  ctx.body = await readFile(file);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}
