import { localDateOf, zonedTimeToUtcMs } from '../camp/time-zone.js';
import type { Fact } from '../scoring/fact.js';

/** Counted participation on one calendar day in the camp zone. */
export interface ParticipationDay {
  date: string;
  /** Sum of participation points that day (one per counted chat message, plus trainer points). */
  points: number;
  /** Distinct learners with participation that day. */
  learners: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Participation per day from the camp's first day to `min(ends, today)` (empty days included), plus any day with
 * participation outside that range. `facts` must already be live (revocations applied).
 */
export function participationByDay(
  facts: readonly Fact[],
  window: { starts: string; ends: string; timezone: string },
  now: number,
): ParticipationDay[] {
  const days = new Map<string, { points: number; users: Set<string> }>();
  const today = localDateOf(now, window.timezone);
  const last = today < window.ends ? today : window.ends;
  if (!Number.isNaN(zonedTimeToUtcMs(window.starts, window.timezone))) {
    for (let d = window.starts; d <= last; d = nextDate(d)) days.set(d, { points: 0, users: new Set() });
  }
  for (const fact of facts) {
    if (fact.type !== 'participation' || !fact.userid || fact.at > now) continue;
    const date = localDateOf(fact.at, window.timezone);
    const day = days.get(date) ?? { points: 0, users: new Set<string>() };
    day.points += fact.num ?? 0;
    day.users.add(fact.userid);
    days.set(date, day);
  }
  return [...days.keys()].sort().map((date) => ({ date, points: days.get(date)!.points, learners: days.get(date)!.users.size }));
}
