import { WeComNetworkError } from '../errors.js';

/** A parsed WeCom answer: every API answers JSON with `errcode` (0 on success) and `errmsg`. */
export interface WeComAnswer {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

export interface WeComRequest {
  /** Short API name for logs and errors (`message/send`); never the URL, which carries a token or key. */
  api: string;
  url: string;
  method: 'GET' | 'POST';
  body?: string | FormData;
}

export interface HttpDeps {
  fetch: typeof fetch;
  timeoutMs: number;
}

/** One HTTP exchange. Network failures, timeouts, HTTP errors and non-JSON answers become WeComNetworkError. */
export async function requestWeCom(request: WeComRequest, deps: HttpDeps): Promise<WeComAnswer> {
  const { api, url, method, body } = request;
  const headers = typeof body === 'string' ? { 'content-type': 'application/json; charset=utf-8' } : undefined;
  let status: number | undefined;
  try {
    const response = await deps.fetch(url, { method, body, headers, signal: AbortSignal.timeout(deps.timeoutMs) });
    status = response.status;
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${status}`);
    return parseAnswer(text);
  } catch (error) {
    throw new WeComNetworkError(api, error, status && status >= 400 ? status : undefined);
  }
}

/** Whether trying the same request again may succeed: no answer at all, 429, or a server-side error. */
export function isRetryableNetworkError(error: WeComNetworkError): boolean {
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

function parseAnswer(text: string): WeComAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('answer is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('answer is not an object');
  const answer = parsed as Record<string, unknown>;
  return { ...answer, errcode: Number(answer.errcode ?? 0), errmsg: String(answer.errmsg ?? '') };
}
