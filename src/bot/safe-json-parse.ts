const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse for text from outside: keys such as `__proto__` are dropped so they never reach objects, and every
 * string is made well-formed (a lone surrogate such as `\ud800` becomes U+FFFD, as it would be stored and hashed);
 * undefined when the text is not JSON.
 * @example safeJsonParse('{"__proto__":{"x":1},"a":"\\ud800"}') // { a: '\ufffd' }
 */
export function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (UNSAFE_KEYS.has(key)) return undefined;
      return typeof value === 'string' ? value.toWellFormed() : value;
    });
  } catch {
    return undefined;
  }
}
