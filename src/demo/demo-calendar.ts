import { localDateOf, zonedTimeToUtcMs } from '../camp/time-zone.js';

/** One working day of the compressed camp. `weekday` 1 = Monday … 5 = Friday. */
export interface CampDay {
  date: string;
  week: number;
  weekday: number;
}

/** Five working weeks that ended before today, so every message's CreateTime is in the past. */
export interface DemoCalendar {
  timezone: string;
  starts: string;
  ends: string;
  days: CampDay[];
  /** The working day of `week` (1–5) and `weekday` (1–5). */
  day(week: number, weekday: number): CampDay;
  /** CreateTime in seconds of a local `HH:MM[:SS]` on `date`. */
  at(date: string, time: string): number;
}

const DAY_MS = 86_400_000;
export const CAMP_WEEKS = 5;

/**
 * The demo camp runs Monday of week 1 to the last Friday before today: messages happen at their CreateTime, which
 * is never later than their arrival, so the whole camp must lie in the past.
 */
export function demoCalendar(now: number, timezone: string): DemoCalendar {
  const today = utcDay(localDateOf(now, timezone));
  const back = ((new Date(today).getUTCDay() + 7 - 5) % 7) || 7;
  const lastFriday = today - back * DAY_MS;
  const firstMonday = lastFriday - ((CAMP_WEEKS - 1) * 7 + 4) * DAY_MS;
  const days: CampDay[] = [];
  for (let week = 1; week <= CAMP_WEEKS; week += 1) {
    for (let weekday = 1; weekday <= 5; weekday += 1) {
      days.push({ date: isoDay(firstMonday + ((week - 1) * 7 + weekday - 1) * DAY_MS), week, weekday });
    }
  }
  return {
    timezone,
    starts: isoDay(firstMonday),
    ends: isoDay(lastFriday),
    days,
    day: (week, weekday) => days[(week - 1) * 5 + weekday - 1]!,
    at: (date, time) => Math.floor(zonedTimeToUtcMs(`${date}T${time}`, timezone) / 1000),
  };
}

function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
