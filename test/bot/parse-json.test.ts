import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/bot/parse-json.js';

describe('parseJson', () => {
  it('makes every string well-formed: a lone surrogate becomes U+FFFD, pairs stay', () => {
    const parsed = parseJson('{"text":{"content":"需求\\ud800分析 \\ud83d\\ude00"},"list":["\\udc00"]}');
    expect(parsed).toEqual({ text: { content: '需求\ufffd分析 😀' }, list: ['\ufffd'] });
  });

  it('drops prototype keys', () => {
    expect(Object.getPrototypeOf(parseJson('{"__proto__":{"x":1},"a":1}'))).toBe(Object.prototype);
  });
});
