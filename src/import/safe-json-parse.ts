/** JSON.parse that drops `__proto__`/`constructor`/`prototype` keys and returns undefined for bad JSON. */
export function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) =>
      key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value);
  } catch {
    return undefined;
  }
}
