import { CallbackRejected } from '../errors.js';

/** The signed query WeCom puts on every callback URL. */
export interface CallbackQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

type RawQuery = Record<string, string | string[] | undefined>;

const MAX_PARAM_CHARS = 128;

/**
 * Reads msg_signature, timestamp and nonce, each exactly once and short; CallbackRejected(401) otherwise.
 * @example readCallbackQuery(ctx.query)
 */
export function readCallbackQuery(query: RawQuery): CallbackQuery {
  return {
    signature: param(query, 'msg_signature', MAX_PARAM_CHARS, 401),
    timestamp: param(query, 'timestamp', MAX_PARAM_CHARS, 401),
    nonce: param(query, 'nonce', MAX_PARAM_CHARS, 401),
  };
}

/**
 * Reads the URL verification's echostr; a '+' that arrived unencoded (decoded as a space) is restored.
 * @example readEchostr(ctx.query)
 */
export function readEchostr(query: RawQuery): string {
  return param(query, 'echostr', 4096, 400).replace(/ /g, '+');
}

function param(query: RawQuery, name: string, maxChars: number, status: 400 | 401): string {
  const value = query[name];
  if (typeof value !== 'string' || value === '' || value.length > maxChars) {
    throw new CallbackRejected(status, `${name} missing or malformed`);
  }
  return value;
}
