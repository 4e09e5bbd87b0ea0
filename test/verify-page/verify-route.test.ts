import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/db.js';
import { signCertificateCode } from '../../src/publication/certificate-code.js';
import { installVerifyRoute } from '../../src/verify-page/install-verify-route.js';
import { publishAwards } from '../../src/publication/publish-awards.js';
import { CAMP_ID, CERT_SECRET, PUBLISH_AT, seedCamp } from '../publication/camp-fixture.js';
import { openTestStore } from '../support/test-store.js';

describe('GET /verify/:code', () => {
  let store: Store;
  let server: Server;
  let base: string;
  let code: string;

  beforeEach(async () => {
    store = await openTestStore();
    await seedCamp(store, (key) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`);
    const outcome = await publishAwards({ db: store, certSecret: CERT_SECRET, publicBaseUrl: 'http://x' }, CAMP_ID, { by: 'cli', now: PUBLISH_AT });
    code = outcome.result.winners[0]!.certificate; // 考试之星, 张三 (u1)
    const app = new Koa();
    const router = new Router();
    installVerifyRoute(router, { store, certSecret: CERT_SECRET, timezone: 'Asia/Shanghai' });
    app.use(router.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  const json = (path: string) => fetch(base + path, { headers: { accept: 'application/json' } });

  it('confirms a real certificate in JSON and HTML', async () => {
    const answer = await json(`/verify/${code}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      genuine: true, award: 'top', awardName: '考试之星', userid: 'u1', name: '张三', campId: CAMP_ID,
      issuedAt: new Date(PUBLISH_AT).toISOString(),
    });
    const page = await fetch(`${base}/verify/${code.toLowerCase()}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('证书真实有效');
    expect(html).toContain('张三');
    expect(html).toContain('2026-12-04');
  });

  it('rejects an altered code, a code signed with another secret, and garbage', async () => {
    const last = code.at(-1) === '0' ? '1' : '0';
    const altered = code.slice(0, -1) + last;
    const forged = signCertificateCode('someone-elses-secret', { campId: CAMP_ID, award: 'top', userid: 'u1', publicationId: 1 });
    const unissued = signCertificateCode(CERT_SECRET, { campId: CAMP_ID, award: 'top', userid: 'u9', publicationId: 1 });
    for (const bad of [altered, forged, unissued, 'hello', '%3Cscript%3E']) {
      const answer = await json(`/verify/${bad}`);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ genuine: false, userid: null });
    }
    const page = await fetch(`${base}/verify/${altered}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('未找到该证书');
  });
});
