import { localDateOf, zonedTimeToUtcMs } from '../camp/time-zone.js';
import { UsageError } from '../errors.js';
import { parseWholeNumber } from './parse-values.js';

/** A live or meeting camp-bot creates lasts this long unless the trainer says (WeCom: meetings 5 min to a day). */
export const SOURCE_MINUTES = { min: 5, max: 720, fallback: 60 };

/** When a live or meeting to create starts (null: now) and how long it lasts, and the words before them. */
export interface SourceSchedule {
  words: string[];
  startsAt: number | null;
  minutes: number;
}

const CLOCK = /^\d{1,2}[:：]\d{2}$/u;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{1,2}[:：]\d{2}$/u;
const MINUTES = /^[0-9０-９]{1,4}(?:分钟|min)?$/iu;

/**
 * Splits an optional start (`20:00` today, or `2026-11-20T20:00`, in the camp's zone; with `allowStart`) and an
 * optional length in minutes off the end of a command's words, in that order.
 * @example sourceSchedule(['提示词工程', '20:00', '90'], now, 'Asia/Shanghai', true) // { words: ['提示词工程'], startsAt: …, minutes: 90 }
 */
export function sourceSchedule(words: readonly string[], now: number, timeZone: string, allowStart: boolean): SourceSchedule {
  const rest = [...words];
  let minutes = SOURCE_MINUTES.fallback;
  if (rest.length > 0 && MINUTES.test(rest.at(-1)!)) {
    minutes = parseWholeNumber(rest.pop()!.replace(/分钟|min/iu, ''), SOURCE_MINUTES.min, SOURCE_MINUTES.max, '时长（分钟）');
  }
  const last = rest.at(-1);
  if (!allowStart || last === undefined || !(CLOCK.test(last) || DATE_TIME.test(last))) return { words: rest, startsAt: null, minutes };
  rest.pop();
  const local = (CLOCK.test(last) ? `${localDateOf(now, timeZone)}T${last}` : last).replace('：', ':').replace(/T(\d):/, 'T0$1:');
  const startsAt = zonedTimeToUtcMs(local, timeZone);
  if (Number.isNaN(startsAt)) throw new UsageError(`「${last}」不是有效的开始时间（如 20:00 或 2026-11-20T20:00）`);
  if (startsAt <= now) throw new UsageError(`开始时间 ${last} 已过，请写以后的时间`);
  return { words: rest, startsAt, minutes };
}

/** At least half the length counts as present or watched (rounded up to a whole minute). */
export function halfOf(minutes: number): number {
  return Math.ceil(minutes / 2);
}
