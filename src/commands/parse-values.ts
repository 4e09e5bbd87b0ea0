import { UsageError } from '../errors.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d{1,2})?|\.\d{1,2})$/;
const STARS = /^([1-5])\s*(?:星|★|stars?)$/iu;

function toHalfWidth(word: string): string {
  return word.replace(/[０-９＋－．]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A score from 0 to 100 (at most 2 decimals); with `stars`, `1星`…`5星` mean 20…100.
 * @example parseScore('4星', { stars: true }) // 80
 */
export function parseScore(word: string | undefined, { stars = false } = {}): number {
  if (word === undefined) throw new UsageError('缺少分数');
  const text = toHalfWidth(word.trim());
  const star = stars ? STARS.exec(text) : null;
  if (star) return Number(star[1]) * 20;
  if (!NUMBER.test(text) || text.startsWith('+')) throw new UsageError(`「${word}」不是有效分数`);
  const value = Number(text);
  if (value < 0 || value > 100) throw new UsageError(`分数须在 0–100 之间，收到 ${word}`);
  return value;
}

/**
 * Points to add (`+5`, `5`, `-2`, `1.5`), non-zero, at most 1000 either way.
 * @example parsePoints('+5') // 5
 */
export function parsePoints(word: string | undefined): number {
  if (word === undefined) throw new UsageError('缺少分值');
  const text = toHalfWidth(word.trim());
  if (!NUMBER.test(text)) throw new UsageError(`「${word}」不是有效分值（例如 +5）`);
  const value = Number(text);
  if (value === 0 || Math.abs(value) > 1000) throw new UsageError(`分值须为非零且不超过 ±1000，收到 ${word}`);
  return value;
}

/**
 * An event id written `#42` or `42`; undefined when the word is not one.
 * @example parseEventId('#42') // 42
 */
export function parseEventId(word: string | undefined): number | undefined {
  const m = word === undefined ? null : /^[#＃]?(\d{1,15})$/u.exec(toHalfWidth(word.trim()));
  return m ? Number(m[1]) : undefined;
}

/**
 * A whole number within bounds (lesson numbers, `/rank n`).
 * @example parseWholeNumber('3', 1, 10, '课次编号') // 3
 */
export function parseWholeNumber(word: string | undefined, min: number, max: number, what: string): number {
  if (word === undefined) throw new UsageError(`缺少${what}`);
  const text = toHalfWidth(word.trim());
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${what}须为 ${min}–${max} 的整数，收到 ${word}`);
  }
  return value;
}
