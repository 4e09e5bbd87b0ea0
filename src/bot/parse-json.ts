import { CallbackRejected } from '../errors.js';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses callback JSON, dropping keys such as `__proto__` so they never reach objects, and making every string
 * well-formed (a lone surrogate such as `\ud800` becomes U+FFFD, as it would be stored); CallbackRejected(400) when
 * the text is not JSON.
 * @example parseJson('{"encrypt":"abc"}') // { encrypt: 'abc' }
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (UNSAFE_KEYS.has(key)) return undefined;
      return typeof value === 'string' ? value.toWellFormed() : value;
    });
  } catch {
    throw new CallbackRejected(400, 'malformed JSON');
  }
}
