import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsoleAssets } from '../../src/console/serve-console-assets.js';

let dir: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.js'), 'not an asset');
  const app = new Koa();
  app.use(serveConsoleAssets({ dir }));
  app.use((ctx) => {
    ctx.body = `next:${ctx.path}`;
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serveConsoleAssets', () => {
  it('answers the app for /console and its page paths, never cached', async () => {
    for (const path of ['/console', '/console/', '/console/ai-2026q4/trainer/queue']) {
      const response = await fetch(base + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('id="app"');
    }
  });

  it('serves hashed assets for a year, immutable, with their type', async () => {
    const response = await fetch(`${base}/console/assets/index-AbC123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing asset or a file outside assets, never the app', async () => {
    for (const path of ['/console/assets/missing-1.js', '/console/outside.js', '/console/assets/../outside.js', '/console/assets/..%2Foutside.js']) {
      const { status, body } = await rawGet(path);
      expect(status, path).toBe(404);
      expect(body, path).not.toContain('not an asset');
    }
  });

  it('sends the security headers: CSP with frame-ancestors, no referrer, nosniff', async () => {
    const response = await fetch(`${base}/console/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://work.weixin.qq.com https://*.work.weixin.qq.com");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('leaves sign-in, the API, other paths and non-GET methods to the next middleware', async () => {
    expect(await (await fetch(`${base}/console/auth/callback?code=x`)).text()).toBe('next:/console/auth/callback');
    expect(await (await fetch(`${base}/api/me`)).text()).toBe('next:/api/me');
    expect(await (await fetch(`${base}/consoles`)).text()).toBe('next:/consoles');
    expect(await (await fetch(`${base}/console/`, { method: 'POST' })).text()).toBe('next:/console/');
  });
});

/** A GET with the path sent as written (fetch would normalize `..` away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${base}/`, { path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}
