/**
 * SPEC §12 sign-in (contract) against the fake WeCom: the redirect to 网页授权 (or the QR login outside WeCom), a
 * single-use `state` bound to the browser and recorded in the database (so another instance can take it), the code
 * exchanged once, and the signed session cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallbackServer, listen } from '../../src/bot/callback-server.js';
import { createWeComClient } from '../../src/bot/wecom-client.js';
import { installConsole } from '../../src/console/install-console.js';
import { startFakeWeComApi, type FakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { APP_KEYS, CORP_ID } from '../support/camp-fixture.js';
import { APP_HTML, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

const WECOM_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 wxwork/4.1.20 MicroMessenger/7.0.1';
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36';

/** A browser: its own cookies, redirects followed by hand. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly userAgent: string) {}

  async open(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': this.userAgent, cookie: this.cookieHeader() } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split('; ');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.includes('Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

let f: ConsoleFixture;
let fake: FakeWeComApi;

beforeAll(async () => {
  fake = await startFakeWeComApi({ corpId: CORP_ID, secret: 'app-secret' });
  f = await startConsoleFixture();
  const client = createWeComClient({ apiBase: fake.baseUrl, corpId: CORP_ID, agentId: '1000002', secret: 'app-secret', log: () => undefined });
  f.deps.userIdByCode = (code) => client.getUserIdByCode(code);
  Object.assign(f.deps.settings, { oauthBase: fake.baseUrl, qrLoginBase: fake.baseUrl, publicBaseUrl: f.baseUrl });
});
afterAll(async () => {
  await f.close();
  await fake.close();
});

/** Opens the console and follows WeCom's login back to the callback; returns the callback's answer. */
async function signIn(browser: Browser, userid: string): Promise<{ toWeCom: URL; callback: URL; answer: Response }> {
  const start = await browser.open(`${f.baseUrl}/console`);
  expect(start.status).toBe(302);
  const toWeCom = new URL(start.headers.get('location')!);
  fake.signInAs(userid);
  const back = await browser.open(toWeCom.href.replace(/#.*$/, ''));
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  return { toWeCom, callback, answer: await browser.open(callback.href) };
}

describe('inside WeCom (网页授权)', () => {
  it('redirects to the authorize URL of the contract with a state bound to the browser by a Lax cookie', async () => {
    const browser = new Browser(WECOM_UA);
    const answer = await browser.open(`${f.baseUrl}/console/ai-test/learner`);
    const location = answer.headers.get('location')!;
    const state = new URL(location).searchParams.get('state')!;
    expect(answer.status).toBe(302);
    expect(location).toBe(`${fake.baseUrl}/connect/oauth2/authorize?appid=${CORP_ID}&redirect_uri=${encodeURIComponent(`${f.baseUrl}/console/auth/callback`)}`
      + `&response_type=code&scope=snsapi_base&state=${state}&agentid=1000002#wechat_redirect`);
    expect(state).toMatch(/^[\w-]{32}$/);
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('campbot_login='))!;
    expect(cookie).toContain(`campbot_login=${state}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Strict/);
  });

  it('exchanges the code once for an HttpOnly, Lax session cookie and answers 302 to /console, then the app', async () => {
    const browser = new Browser(WECOM_UA);
    const { answer } = await signIn(browser, 'ming');
    expect([answer.status, answer.headers.get('location')]).toEqual([302, '/console']);
    const session = answer.headers.getSetCookie().find((line) => line.startsWith('campbot_session='))!;
    expect(session).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(session).not.toContain('Secure');
    const app = await browser.open(`${f.baseUrl}/console`);
    expect([app.status, await app.text()]).toEqual([200, APP_HTML]);
    const me = await fetch(`${f.baseUrl}/api/me`, { headers: { cookie: browser.cookieHeader() } });
    expect(await me.json()).toMatchObject({ userid: 'ming', name: '小明', camps: [{ id: 'ai-test', name: 'AI 测试营', roles: ['learner'] }] });
    const exchanges = fake.calls.filter((c) => c.api === 'auth/getuserinfo');
    expect(exchanges.at(-1)).toMatchObject({ method: 'GET', errcode: 0, query: { code: expect.any(String), access_token: expect.any(String) } });
  });

  it('refuses a replayed callback (400: the state is used) and a used code with a fresh state (401); nobody signed in', async () => {
    const first = new Browser(WECOM_UA);
    const { callback } = await signIn(first, 'hong');
    const replay = await first.open(callback.href);
    expect(replay.status).toBe(400);
    // Even with the state's cookie sent again (a captured request), the state was taken on the server.
    const taken = callback.searchParams.get('state')!;
    const captured = await fetch(callback.href, { redirect: 'manual', headers: { cookie: `campbot_login=${taken}` } });
    expect(captured.status).toBe(400);
    expect(captured.headers.getSetCookie().some((c) => c.startsWith('campbot_session='))).toBe(false);
    const second = new Browser(WECOM_UA);
    const start = await second.open(`${f.baseUrl}/console`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const reused = await second.open(`${f.baseUrl}/console/auth/callback?code=${callback.searchParams.get('code')}&state=${state}`);
    expect(reused.status).toBe(401);
    for (const refused of [replay, reused]) expect(refused.headers.getSetCookie().some((c) => c.startsWith('campbot_session='))).toBe(false);
    expect(fake.calls.filter((c) => c.api === 'auth/getuserinfo').at(-1)?.errcode).toBe(40029);
  });

  it('refuses an expired code, a state from another browser and a forged state', async () => {
    const browser = new Browser(WECOM_UA);
    const start = await browser.open(`${f.baseUrl}/console`);
    fake.signInAs('gang');
    const back = await browser.open(start.headers.get('location')!.replace(/#.*$/, ''));
    fake.expireLoginCodes();
    expect((await browser.open(back.headers.get('location')!)).status).toBe(401);
    const victim = new Browser(WECOM_UA);
    const victimStart = await victim.open(`${f.baseUrl}/console`);
    const stolen = new URL(victimStart.headers.get('location')!).searchParams.get('state')!;
    const attacker = new Browser(WECOM_UA);
    expect((await attacker.open(`${f.baseUrl}/console/auth/callback?code=x&state=${stolen}`)).status).toBe(400);
    expect((await victim.open(`${f.baseUrl}/console/auth/callback?code=x&state=forged`)).status).toBe(400);
    expect(victim.cookies.has('campbot_session')).toBe(false);
  });

  it('takes a state recorded by another instance on the same database, once', async () => {
    // The other instance records the state; WeCom sends the browser back to PUBLIC_BASE_URL, this instance.
    const other = createCallbackServer({
      config: { corpId: CORP_ID, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, botToken: null, botEncodingAesKey: null, replayWindowS: 300 },
      handle: async () => null,
      isReady: () => true,
      log: () => undefined,
      extendRouter: (router) => installConsole(router, f.deps),
    });
    const { server, port } = await listen(other, 0);
    try {
      const browser = new Browser(WECOM_UA);
      const start = await browser.open(`http://127.0.0.1:${port}/console`);
      fake.signInAs('li');
      const back = await browser.open(start.headers.get('location')!.replace(/#.*$/, ''));
      const answer = await browser.open(back.headers.get('location')!);
      expect([answer.status, answer.headers.get('location')]).toEqual([302, '/console']);
      const state = new URL(back.headers.get('location')!).searchParams.get('state')!;
      const again = await fetch(`http://127.0.0.1:${port}/console/auth/callback?code=x&state=${state}`, { redirect: 'manual', headers: { cookie: `campbot_login=${state}` } });
      expect(again.status).toBe(400);
    } finally {
      server.close();
    }
  });

  it('refuses someone outside the company (an openid, no userid) with 403', async () => {
    const { answer } = await signIn(new Browser(WECOM_UA), 'openid:o-outsider');
    expect(answer.status).toBe(403);
    expect(answer.headers.getSetCookie().some((c) => c.startsWith('campbot_session='))).toBe(false);
  });
});

describe('other browsers (QR login) and settings', () => {
  it('sends a desktop browser to the QR login at WECOM_QR_LOGIN_BASE, whose code signs in the same way', async () => {
    const browser = new Browser(DESKTOP_UA);
    const { toWeCom, answer } = await signIn(browser, 'zhang');
    expect(toWeCom.origin + toWeCom.pathname).toBe(`${fake.baseUrl}/wwlogin/sso/login`);
    expect(Object.fromEntries(toWeCom.searchParams)).toMatchObject({
      login_type: 'CorpApp', appid: CORP_ID, agentid: '1000002', redirect_uri: `${f.baseUrl}/console/auth/callback`,
    });
    expect(answer.status).toBe(302);
    expect((await browser.open(`${f.baseUrl}/console`)).status).toBe(200);
  });

  it('marks the cookies Secure when PUBLIC_BASE_URL is https', async () => {
    const real = f.deps.settings.publicBaseUrl;
    f.deps.settings.publicBaseUrl = 'https://camp.example.com';
    try {
      const answer = await new Browser(WECOM_UA).open(`${f.baseUrl}/console`);
      expect(answer.headers.getSetCookie()[0]).toMatch(/; Secure$/);
      expect(answer.headers.get('location')).toContain(encodeURIComponent('https://camp.example.com/console/auth/callback'));
    } finally {
      f.deps.settings.publicBaseUrl = real;
    }
  });

  it('ignores a tampered or expired session cookie and sends the browser to sign in', async () => {
    const ming = f.as('ming');
    const tampered = ming.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const answer = await fetch(`${f.baseUrl}/console`, { redirect: 'manual', headers: { cookie: tampered, 'user-agent': WECOM_UA } });
    expect(answer.status).toBe(302);
    expect((await fetch(`${f.baseUrl}/api/me`, { headers: { cookie: tampered } })).status).toBe(401);
    f.advance(13 * 3_600_000);
    try {
      expect((await fetch(`${f.baseUrl}/api/me`, { headers: { cookie: ming.cookie } })).status).toBe(401);
    } finally {
      f.advance(-13 * 3_600_000);
    }
  });
});

describe('without SESSION_SECRET', () => {
  it('answers /console and /api with a clear 503 while the rest of the server runs', async () => {
    const off = await startConsoleFixture({ sessionSecret: null });
    try {
      const page = await fetch(`${off.baseUrl}/console`, { redirect: 'manual' });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('SESSION_SECRET');
      expect((await off.anonymous.get('/api/me')).body).toEqual({ error: '控制台未启用：服务器没有配置 SESSION_SECRET' });
      expect((await fetch(`${off.baseUrl}/healthz`)).status).toBe(200);
      expect(await off.app('ming', '/me')).toContain('综合分');
    } finally {
      await off.close();
    }
  });
});
