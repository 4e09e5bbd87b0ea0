import type { CampConfig } from '../camp/camp-config.js';
import { endOfLocalDayMs, localDateOf, zonedTimeToUtcMs } from '../camp/time-zone.js';
import { backdatedSince } from '../db/backdated-events.js';
import { campVersion } from '../db/camp-ledger-feed.js';
import { standingsOf } from '../db/camp-standings.js';
import type { Db } from '../db/db.js';
import { learnersOf } from '../db/roster-store.js';
import { round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import type { LearnerHistory } from './api-types.js';

/** Everyone's composite and rank at the end of one camp day, and the day's mean. */
interface DayPoint {
  byUser: Map<string, { composite: number; rank: number }>;
  mean: number;
}

interface Kept {
  updatedAt: number;
  /** The newest link of the hash chain the kept days were checked against. */
  checkedUpTo: number;
  days: Map<string, DayPoint>;
}

export interface HistoryCache {
  /** A learner's composite and rank at the end of each camp day from `starts` to today (today: as of `now`). */
  of(db: Db, camp: CampConfig, userid: string, today: Standings, now: number): Promise<LearnerHistory>;
}

/**
 * Camp days that are over do not change unless the camp file or roster changes, or the ledger gets a backdated
 * event or a revocation, so their standings (one full computation per day) are kept for every learner of the camp
 * and only today's point comes from the live standings.
 */
export function createHistoryCache(maxCamps = 8): HistoryCache {
  const kept = new Map<string, Kept>();
  return {
    async of(db, camp, userid, today, now) {
      const dates = campDays(camp, now);
      const todayDate = localDateOf(now, camp.timezone);
      const entry = await freshEntry(db, camp, kept.get(camp.id), todayDate);
      kept.delete(camp.id);
      kept.set(camp.id, entry);
      if (kept.size > maxCamps) kept.delete(kept.keys().next().value!);
      const learners = await learnersOf(db, camp.id);
      const days: LearnerHistory['days'] = [];
      for (const date of dates) {
        let point = date === todayDate ? pointOf(today) : entry.days.get(date);
        if (!point) entry.days.set(date, (point = pointOf(await standingsOf(db, camp, learners, endOfLocalDayMs(date, camp.timezone)))));
        const mine = point.byUser.get(userid);
        if (mine) days.push({ date, composite: mine.composite, rank: mine.rank, meanComposite: point.mean });
      }
      return { days };
    },
  };
}

/** The kept days when they still stand, else none; a past day kept as "today" yesterday is recomputed. */
async function freshEntry(db: Db, camp: CampConfig, entry: Kept | undefined, todayDate: string): Promise<Kept> {
  const version = await campVersion(db, camp.id);
  const startOfToday = zonedTimeToUtcMs(`${todayDate}T00:00`, camp.timezone);
  const stands = entry !== undefined && entry.updatedAt === version.updatedAt && entry.checkedUpTo <= version.lastSeq
    && !(await backdatedSince(db, camp.id, entry.checkedUpTo, startOfToday));
  const days = stands ? entry.days : new Map<string, DayPoint>();
  days.delete(todayDate);
  return { updatedAt: version.updatedAt, checkedUpTo: version.lastSeq, days };
}

function pointOf(standings: Standings): DayPoint {
  const byUser = new Map(standings.rows.map((row) => [row.userid, { composite: row.composite, rank: row.rank }]));
  const total = standings.rows.reduce((sum, row) => sum + row.composite, 0);
  return { byUser, mean: round2(total / Math.max(1, standings.rows.length)) };
}

/** `YYYY-MM-DD` from the camp's start to today or its end, whichever is first. */
function campDays(camp: CampConfig, now: number): string[] {
  const last = [localDateOf(now, camp.timezone), camp.ends].sort()[0]!;
  const dates: string[] = [];
  for (let date = camp.starts; date <= last; date = nextDate(date)) dates.push(date);
  return dates;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
