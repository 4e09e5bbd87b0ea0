import { requestWeCom } from '../bot/wecom-http.js';
import { splitUtf8 } from '../bot/split-utf8.js';
import { WeComApiError, WebhookRefused } from '../errors.js';
import type { ResponseUrlPayload } from './outbox-payload.js';

// A response_url can be used once, so a long answer is cut rather than split over several calls.
const MAX_BYTES = 20_480;

/**
 * Posts an AI bot answer to the callback's `response_url` as markdown. Only URLs on WECOM_API_BASE's origin are
 * used (no camp data to arbitrary hosts). Errors are thrown for the outbox worker to retry or give up on.
 */
export async function postResponseUrl(payload: ResponseUrlPayload, apiBase: string, fetchImpl: typeof fetch): Promise<void> {
  let url: URL;
  try {
    url = new URL(payload.responseUrl);
  } catch {
    throw new WebhookRefused('response_url is not a valid URL');
  }
  if (url.origin !== new URL(apiBase).origin) {
    throw new WebhookRefused(`response_url host ${url.origin} is not WECOM_API_BASE; nothing sent`);
  }
  const content = splitUtf8(payload.markdown, MAX_BYTES)[0] ?? '';
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  const answer = await requestWeCom({ api: 'aibot/response', url: url.href, method: 'POST', body }, { fetch: fetchImpl, timeoutMs: 10_000 });
  if (answer.errcode !== 0) throw new WeComApiError(answer.errcode, answer.errmsg, 'aibot/response');
}
