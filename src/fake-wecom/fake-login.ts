/**
 * The fake WeCom's web login, for tests and the demo only: the 网页授权 page (`/connect/oauth2/authorize`), the QR
 * login page (`/wwlogin/sso/login`) and `auth/getuserinfo`, which takes each code once. Instead of WeCom's silent
 * sign-in or a scanned QR code, the page signs in the member a test chose (`signInAs`), or lets a person pick one.
 */
import { randomBytes } from 'node:crypto';
import { fail, ok, requireToken } from './fake-api-answers.js';
import type { FakeApiName, FakeState, Handler } from './fake-api-types.js';

/** WeCom's login codes last 5 minutes. */
const CODE_TTL_MS = 5 * 60_000;

/** What a login page answers: a redirect back to the app, a picker, or a refusal. */
export interface LoginPageAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The pages' paths, and what each must be given besides `appid`, `redirect_uri` and `state`. */
export const LOGIN_PAGES: Record<string, Record<string, string>> = {
  '/connect/oauth2/authorize': { response_type: 'code', scope: 'snsapi_base' },
  '/wwlogin/sso/login': { login_type: 'CorpApp' },
};

/** Answers one login page request: back to `redirect_uri` with a code for the chosen member, or the picker. */
export function answerLoginPage(state: FakeState, url: URL): LoginPageAnswer {
  const query = url.searchParams;
  const required = { ...LOGIN_PAGES[url.pathname], appid: state.options.corpId ?? query.get('appid') ?? '' };
  const wrong = Object.entries(required).find(([key, value]) => query.get(key) !== value);
  const redirect = query.get('redirect_uri');
  if (wrong || !redirect || !/^https?:\/\//.test(redirect)) {
    return page(400, `<p>参数错误：${escapeHtml(wrong?.[0] ?? 'redirect_uri')}</p>`);
  }
  const userid = query.get('fake_userid') ?? state.nextLogins.shift();
  if (userid === undefined) return page(200, picker(state, url));
  const code = randomBytes(12).toString('hex');
  state.loginCodes.set(code, { userid, expiresAt: Date.now() + CODE_TTL_MS });
  const back = new URL(redirect);
  back.searchParams.set('code', code);
  back.searchParams.set('state', query.get('state') ?? '');
  return { status: 302, headers: { location: back.href }, body: '' };
}

export const LOGIN_APIS: Partial<Record<FakeApiName, Handler>> = {
  'auth/getuserinfo': requireToken(({ state, query }) => {
    const issued = state.loginCodes.get(query.code ?? '');
    state.loginCodes.delete(query.code ?? '');
    if (!issued || Date.now() > issued.expiresAt) return fail(40029, 'invalid code');
    if (issued.userid.startsWith('openid:')) return ok({ openid: issued.userid.slice('openid:'.length) });
    return ok({ userid: issued.userid, user_ticket: `ticket-${issued.userid}` });
  }),
};

function picker(state: FakeState, url: URL): string {
  const choices = state.loginUsers.map((user) => {
    const link = new URL(url.href);
    link.searchParams.set('fake_userid', user.userid);
    const note = user.note ? ` <small>${escapeHtml(user.note)}</small>` : '';
    return `<li><a href="${escapeHtml(link.pathname + link.search)}">${escapeHtml(user.name)}（${escapeHtml(user.userid)}）${note}</a></li>`;
  });
  const list = choices.length > 0 ? `<ul>${choices.join('')}</ul>` : '<p>没有可选的成员</p>';
  return `<h1>模拟企业微信登录</h1><p>这是演示用的假登录页：选择以谁的身份进入控制台。</p>${list}`;
}

function page(status: number, content: string): LoginPageAnswer {
  const style = 'body{font:16px/1.6 system-ui,sans-serif;max-width:32em;margin:2em auto;padding:0 1em}li{margin:.6em 0}small{color:#888}';
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>企业微信登录（模拟）</title><style>${style}</style></head><body>${content}</body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
