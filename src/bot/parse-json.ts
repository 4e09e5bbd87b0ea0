import { CallbackRejected } from '../errors.js';
import { safeJsonParse } from './safe-json-parse.js';

/**
 * Parses callback JSON with `safeJsonParse` (unsafe keys dropped, strings well-formed); CallbackRejected(400) when
 * the text is not JSON.
 * @example parseJson('{"encrypt":"abc"}') // { encrypt: 'abc' }
 */
export function parseJson(text: string): unknown {
  const parsed = safeJsonParse(text);
  if (parsed === undefined) throw new CallbackRejected(400, 'malformed JSON');
  return parsed;
}
