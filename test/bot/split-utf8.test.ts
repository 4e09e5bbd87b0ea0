import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitUtf8 } from '../../src/bot/split-utf8.js';

const bytes = (s: string): number => Buffer.byteLength(s);
const FAMILY = '👨‍👩‍👧'; // 👨 ZWJ 👩 ZWJ 👧: 4 + 3 + 4 + 3 + 4 = 18 bytes

describe('splitUtf8', () => {
  it('returns text within the limit as it is', () => {
    expect(splitUtf8('你好', 6)).toEqual(['你好']);
    expect(splitUtf8('', 2048)).toEqual(['']);
  });

  it('cuts ASCII at the byte limit', () => {
    expect(splitUtf8('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never cuts a 3-byte Chinese character', () => {
    expect(splitUtf8('一二三', 7)).toEqual(['一二', '三']);
    expect(splitUtf8('一二三', 8)).toEqual(['一二', '三']);
    expect(splitUtf8('一二三', 9)).toEqual(['一二三']);
  });

  it('moves a 4-byte emoji (a surrogate pair) that straddles the limit to the next piece', () => {
    expect(splitUtf8('abc😀d', 4)).toEqual(['abc', '😀', 'd']);
    expect(splitUtf8('ab😀', 5)).toEqual(['ab', '😀']);
    expect(splitUtf8('a😀😀', 5)).toEqual(['a😀', '😀']);
  });

  it('keeps an emoji ZWJ sequence whole when it fits, else splits it between code points', () => {
    expect(splitUtf8(`abc${FAMILY}`, 20)).toEqual(['abc', FAMILY]);
    expect(splitUtf8(FAMILY, 8)).toEqual(['👨\u200d', '👩\u200d', '👧']);
  });

  it('prefers to end a piece after a newline in its second half', () => {
    expect(splitUtf8('aaaa\nbbbbbb', 8)).toEqual(['aaaa\n', 'bbbbbb']);
    expect(splitUtf8('第一行\n第二行很长', 16)).toEqual(['第一行\n', '第二行很长']);
  });

  it('ignores a newline early in the piece', () => {
    expect(splitUtf8('a\nbbbbbbbbb', 8)).toEqual(['a\nbbbbbb', 'bbb']);
  });

  it('keeps \\r\\n together', () => {
    expect(splitUtf8('abc\r\ndef', 4)).toEqual(['abc', '\r\n', 'def']);
  });

  it('refuses a limit too small for every code point', () => {
    expect(() => splitUtf8('abc', 3)).toThrow(RangeError);
  });

  it('rejoins to the input, with every piece non-empty, within the limit and without a lone surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 4, max: 64 }), (text, max) => {
        const pieces = splitUtf8(text, max);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          if (text !== '') expect(piece.length).toBeGreaterThan(0);
          expect(bytes(piece)).toBeLessThanOrEqual(max);
          expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        }
      }),
    );
  });
});
