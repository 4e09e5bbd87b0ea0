import type Router from '@koa/router';
import type { Db } from '../db/db.js';
import { checkCertificate } from './check-certificate.js';
import { verifyPage } from './verify-page.js';

export interface VerifyRouteDeps {
  store: Db;
  /** CERT_SECRET; without it no code can be confirmed. */
  certSecret: string | null;
  /** Zone the issue date is shown in. */
  timezone: string;
}

/**
 * Adds `GET /verify/:code` (SPEC §1): an HTML page, or JSON `{ genuine, award, awardName, userid, name, campId,
 * issuedAt, … }` when the client asks for `application/json`. Unknown, forged or altered codes answer 404.
 * @example installVerifyRoute(router, { store, certSecret: config.certSecret, timezone: config.timezone });
 */
export function installVerifyRoute(router: Router, deps: VerifyRouteDeps): void {
  router.get('/verify/:code', async (ctx) => {
    const check = await checkCertificate(deps.store, deps.certSecret, ctx.params.code);
    ctx.status = check.code === null ? 404 : 200;
    ctx.set('cache-control', 'no-store');
    if (ctx.accepts('html', 'json') === 'json') ctx.body = check;
    else {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = verifyPage(check, deps.timezone);
    }
  });
}
