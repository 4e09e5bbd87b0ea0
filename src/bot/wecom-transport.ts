import { WeComApiError, WeComNetworkError } from '../errors.js';
import { requestWeCom, type HttpDeps, type WeComAnswer } from './wecom-http.js';
import { withRetry, type RetryDeps, type RetryPolicy } from './wecom-retry.js';
import { createTokenCache, type IssuedToken } from './wecom-token-cache.js';

export interface TransportOptions extends HttpDeps, Omit<RetryDeps, 'onRateLimited'> {
  apiBase: string;
  corpId: string;
  secret: string;
  now: () => number;
  policy: RetryPolicy;
}

export interface ApiCall {
  /** Path under `apiBase`, e.g. `/cgi-bin/message/send`. */
  path: string;
  query?: Record<string, string>;
  method: 'GET' | 'POST';
  body?: string | FormData;
  onRateLimited?: () => void;
  /** False for a call that must not run twice (see `RetryDeps.idempotent`); default true. */
  idempotent?: boolean;
}

/** Retrying, token-managing calls to the WeCom API; answers with errcode ≠ 0 become WeComApiError. */
export interface WeComTransport {
  getToken(): Promise<string>;
  /** An API that takes `access_token`: on 40014/42001 the token is refreshed once and the call made once more. */
  callApi(api: string, call: ApiCall): Promise<WeComAnswer>;
  /** A full URL that carries its own key (group robot webhooks). */
  callUrl(api: string, url: URL, call: Omit<ApiCall, 'path' | 'query'>): Promise<WeComAnswer>;
}

const TOKEN_ERRORS = new Set([40014, 42001]);

export function createTransport(options: TransportOptions): WeComTransport {
  const attempt = (api: string, url: string, call: Omit<ApiCall, 'path' | 'query'>): Promise<WeComAnswer> =>
    withRetry(api, () => requestWeCom({ api, url, method: call.method, body: call.body }, options), options.policy, {
      ...options,
      onRateLimited: call.onRateLimited,
      idempotent: call.idempotent,
    });
  const apiUrl = (path: string, query: Record<string, string>): string =>
    `${options.apiBase}${path}?${new URLSearchParams(query).toString()}`;

  const tokens = createTokenCache(async (): Promise<IssuedToken> => {
    const query = { corpid: options.corpId, corpsecret: options.secret };
    const raw = await attempt('gettoken', apiUrl('/cgi-bin/gettoken', query), { method: 'GET' });
    const answer = check('gettoken', raw, options.log);
    if (typeof answer.access_token !== 'string' || !answer.access_token) {
      throw new WeComNetworkError('gettoken', new Error('answer has no access_token'));
    }
    return { token: answer.access_token, expiresInS: Number(answer.expires_in) || 7200 };
  }, options.now);

  const withToken = async (api: string, call: ApiCall, token: string): Promise<WeComAnswer> =>
    attempt(api, apiUrl(call.path, { access_token: token, ...call.query }), call);

  return {
    getToken: () => tokens.get(),
    async callApi(api, call) {
      const token = await tokens.get();
      let answer = await withToken(api, call, token);
      if (TOKEN_ERRORS.has(answer.errcode)) {
        tokens.invalidate(token);
        answer = await withToken(api, call, await tokens.get());
      }
      return check(api, answer, options.log);
    },
    async callUrl(api, url, call) {
      return check(api, await attempt(api, url.href, call), options.log);
    },
  };
}

/** Turns an error answer into WeComApiError; failures the operator must act on (gettoken, 60020, …) are logged. */
function check(api: string, answer: WeComAnswer, log: (line: string) => void): WeComAnswer {
  if (answer.errcode === 0) return answer;
  const error = new WeComApiError(answer.errcode, answer.errmsg, api);
  if (api === 'gettoken' || (error.hint && !TOKEN_ERRORS.has(answer.errcode))) {
    log(`wecom: ${api} failed with errcode ${answer.errcode}: ${error.hint ?? answer.errmsg}`);
  }
  throw error;
}
