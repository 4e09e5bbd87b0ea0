import { CallbackRejected } from '../errors.js';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses callback JSON, dropping keys such as `__proto__` so they never reach objects; CallbackRejected(400) when
 * the text is not JSON.
 * @example parseJson('{"encrypt":"abc"}') // { encrypt: 'abc' }
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value));
  } catch {
    throw new CallbackRejected(400, 'malformed JSON');
  }
}
