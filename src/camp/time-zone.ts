const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True when Intl knows the IANA time zone (e.g. `Asia/Shanghai`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at the instant `ms`, in ms (Asia/Shanghai → +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]` (local) or an ISO time with `Z`/offset. */
export function isDateOrDateTime(text: string): boolean {
  return !Number.isNaN(parseZoned(text, 'UTC'));
}

/**
 * The instant a local date-time in `timeZone` names, in ms since epoch. A bare date means its midnight;
 * text with `Z` or an offset is taken as that instant. NaN when the text is not a real date.
 * @example zonedTimeToUtcMs('2026-12-04T10:00', 'Asia/Shanghai') // Date.parse('2026-12-04T02:00:00Z')
 */
export function zonedTimeToUtcMs(localIso: string, timeZone: string): number {
  return parseZoned(localIso, timeZone);
}

// Intl is slow and the same few camp dates are converted on every message, so results are kept (a pure function).
const parsedTimes = new Map<string, number>();
const MAX_PARSED_TIMES = 4096;

function parseZoned(text: string, timeZone: string): number {
  const key = `${timeZone}\n${text}`;
  let ms = parsedTimes.get(key);
  if (ms === undefined) {
    if (parsedTimes.size >= MAX_PARSED_TIMES) parsedTimes.clear();
    parsedTimes.set(key, (ms = computeZoned(text, timeZone)));
  }
  return ms;
}

function computeZoned(text: string, timeZone: string): number {
  if (WITH_OFFSET.test(text)) {
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!day || !isRealDate(Number(day[1]), Number(day[2]), Number(day[3]))) return Number.NaN;
    return Date.parse(text.replace(' ', 'T'));
  }
  const m = DATE.exec(text) ?? LOCAL_DATE_TIME.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const milli = Number((m[7] ?? '0').padEnd(3, '0'));
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  // Two passes settle the offset across a DST change; a wall time skipped by DST lands just after the gap.
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

/** The last millisecond of a `YYYY-MM-DD` day in `timeZone`. NaN when not a real date. */
export function endOfLocalDayMs(date: string, timeZone: string): number {
  const m = DATE.exec(date);
  if (!m || !isIsoDate(date)) return Number.NaN;
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return parseZoned(next.toISOString().slice(0, 10), timeZone) - 1;
}

/**
 * The calendar date (`YYYY-MM-DD`) of the instant `ms` in `timeZone`.
 * @example localDateOf(Date.parse('2026-11-19T16:30:00Z'), 'Asia/Shanghai') // '2026-11-20'
 */
export function localDateOf(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The local date-time of an instant in a zone, to the minute (the key of a schedule slot).
 * @example localDateTimeOf(Date.parse('2026-12-04T02:00:00Z'), 'Asia/Shanghai') // '2026-12-04T10:00'
 */
export function localDateTimeOf(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * `YYYY-MM-DD HH:mm` in the given zone, for people to read.
 * @example formatLocalTime(Date.parse('2026-11-20T12:00:00Z'), 'Asia/Shanghai') // '2026-11-20 20:00'
 */
export function formatLocalTime(ms: number, timeZone: string): string {
  return localDateTimeOf(ms, timeZone).replace('T', ' ');
}
