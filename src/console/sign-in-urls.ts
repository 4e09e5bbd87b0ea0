/** What the sign-in links need: WeCom's two login bases, the app and where WeCom sends the browser back to. */
export interface SignInTarget {
  oauthBase: string;
  qrLoginBase: string;
  corpId: string;
  agentId: string;
  publicBaseUrl: string;
}

/** Where WeCom returns with `code` and `state`. */
export const CALLBACK_PATH = '/console/auth/callback';

/**
 * WeCom's web login for a browser: inside WeCom (its User-Agent carries `wxwork`) the silent 网页授权 (SPEC §12,
 * contract), elsewhere the QR login (企业微信扫码登录), whose code is exchanged the same way.
 */
export function signInUrl(target: SignInTarget, state: string, insideWeCom: boolean): string {
  const redirect = encodeURIComponent(`${target.publicBaseUrl}${CALLBACK_PATH}`);
  const app = `appid=${encodeURIComponent(target.corpId)}`;
  const agent = `agentid=${encodeURIComponent(target.agentId)}`;
  const bound = `state=${encodeURIComponent(state)}`;
  if (insideWeCom) {
    return `${target.oauthBase}/connect/oauth2/authorize?${app}&redirect_uri=${redirect}&response_type=code&scope=snsapi_base&${bound}&${agent}#wechat_redirect`;
  }
  return `${target.qrLoginBase}/wwlogin/sso/login?login_type=CorpApp&${app}&${agent}&redirect_uri=${redirect}&${bound}`;
}

/** True for WeCom's in-app browser (desktop and mobile clients). */
export function isWeComBrowser(userAgent: string): boolean {
  return /wxwork/i.test(userAgent);
}
