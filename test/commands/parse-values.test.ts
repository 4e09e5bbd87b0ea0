import { describe, expect, it } from 'vitest';
import { parseEventId, parsePoints, parseScore, parseWholeNumber } from '../../src/commands/parse-values.js';
import { UsageError } from '../../src/errors.js';

describe('parse values', () => {
  it('reads scores 0–100 and stars ×20 where allowed', () => {
    expect(parseScore('88')).toBe(88);
    expect(parseScore('０')).toBe(0);
    expect(parseScore('99.5')).toBe(99.5);
    expect(parseScore('4星', { stars: true })).toBe(80);
    expect(parseScore('1星', { stars: true })).toBe(20);
    expect(() => parseScore('4星')).toThrow(UsageError);
    expect(() => parseScore('101')).toThrow('0–100');
    expect(() => parseScore('-1')).toThrow(UsageError);
    expect(() => parseScore('6星', { stars: true })).toThrow(UsageError);
    expect(() => parseScore(undefined)).toThrow('缺少分数');
  });

  it('reads signed non-zero points', () => {
    expect(parsePoints('+5')).toBe(5);
    expect(parsePoints('-2')).toBe(-2);
    expect(parsePoints('1.5')).toBe(1.5);
    expect(() => parsePoints('0')).toThrow(UsageError);
    expect(() => parsePoints('五')).toThrow(UsageError);
  });

  it('reads event ids and bounded whole numbers', () => {
    expect(parseEventId('#42')).toBe(42);
    expect(parseEventId('42')).toBe(42);
    expect(parseEventId('a1')).toBeUndefined();
    expect(parseWholeNumber('3', 1, 4, '课程编号')).toBe(3);
    expect(() => parseWholeNumber('5', 1, 4, '课程编号')).toThrow('课程编号须为 1–4 的整数');
  });
});
