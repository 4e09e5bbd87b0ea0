import { WebhookRefused } from '../errors.js';

const SEND_PATH = '/cgi-bin/webhook/send';

/**
 * Checks a group robot webhook URL before anything is posted to it: it must parse, share `apiBase`'s origin
 * (no camp data to arbitrary hosts), point at `…/cgi-bin/webhook/send` and carry a `key`. Returns the parsed URL.
 * The error message never contains the key.
 * @example assertWebhookAllowed('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K', 'https://qyapi.weixin.qq.com')
 */
export function assertWebhookAllowed(url: string, apiBase: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookRefused('webhook URL is not a valid URL');
  }
  const allowed = new URL(apiBase).origin;
  if (parsed.origin !== allowed || parsed.username || parsed.password) {
    throw new WebhookRefused(`webhook host ${parsed.origin} is not WECOM_API_BASE (${allowed}); nothing sent`);
  }
  if (!parsed.pathname.endsWith(SEND_PATH) || !parsed.searchParams.get('key')) {
    throw new WebhookRefused(`webhook URL must be ${allowed}${SEND_PATH}?key=…`);
  }
  return parsed;
}

/** The upload_media URL belonging to an allowed webhook send URL (same key). */
export function webhookUploadUrl(sendUrl: URL): URL {
  const upload = new URL(sendUrl.href);
  upload.pathname = upload.pathname.slice(0, -SEND_PATH.length) + '/cgi-bin/webhook/upload_media';
  upload.search = '';
  upload.searchParams.set('key', sendUrl.searchParams.get('key') ?? '');
  upload.searchParams.set('type', 'file');
  return upload;
}
