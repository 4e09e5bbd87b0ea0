import { endOfLocalDayMs, localDateOf, zonedTimeToUtcMs } from '../camp/time-zone.js';
import type { ParticipationState } from '../scoring/participation-rule.js';
import { executorOf, type Db } from './db.js';

/**
 * Messages counted as participation (chat pipeline and chat-archive import alike) are `participation` events whose
 * dedupe key is `participation:<msgid>`; points given by `/score` or a CSV import are not messages and never count here.
 */
export const PARTICIPATION_KEY_PREFIX = 'participation:';

/** A calendar day is at most 25 h long, so only times within 26 h either side of a message can share its day. */
const DAY_REACH_MS = 26 * 3_600_000;
const CLOCK_CHANGE_MS = 2 * 3_600_000;

// `e` is a counted message: a message-keyed participation event that no revocation points at (one probe of
// `events_revokes`, not a read of the camp's revocations).
const COUNTED = `e.type = 'participation'
  AND substr(e.dedupe_key, 1, ${PARTICIPATION_KEY_PREFIX.length}) = '${PARTICIPATION_KEY_PREFIX}'
  AND NOT EXISTS (SELECT 1 FROM events r WHERE r.revokes = e.id AND r.type = 'revoke' AND r.camp_id = e.camp_id)`;

/** Times (ms, ascending) of each learner's counted, non-revoked messages in the camp (the whole history). */
export async function countedMessageTimes(db: Db, campId: string): Promise<Map<string, number[]>> {
  const rows = await executorOf(db).all<{ userid: string; at: number }>(
    `SELECT e.userid, e.happened_at AS "at" FROM events e WHERE e.camp_id = ? AND ${COUNTED} ORDER BY e.happened_at`,
    [campId],
  );
  const byUser = new Map<string, number[]>();
  for (const row of rows) {
    const times = byUser.get(row.userid);
    if (times) times.push(row.at);
    else byUser.set(row.userid, [row.at]);
  }
  return byUser;
}

/**
 * What the rule needs of one learner's counted message times (ascending) for a message at `at`: every one from `from`
 * to `to` (a span holding `at` and its whole calendar day), and the latest before `from` when none of those is at or
 * before `at`. Index searches on `events_camp_user` bounded by learner and time: the cost does not grow with history.
 */
async function countedTimesNear(db: Db, campId: string, userid: string, at: number, from: number, to: number): Promise<number[]> {
  const ex = executorOf(db);
  const near = (await ex.all<{ at: number }>(
    `SELECT e.happened_at AS "at" FROM events e
     WHERE e.camp_id = ? AND e.userid = ? AND e.happened_at BETWEEN ? AND ? AND ${COUNTED} ORDER BY e.happened_at`,
    [campId, userid, from, to],
  )).map((row) => row.at);
  if (near.length > 0 && near[0]! <= at) return near;
  const earlier = await ex.get<{ at: number }>(
    `SELECT e.happened_at AS "at" FROM events e
     WHERE e.camp_id = ? AND e.userid = ? AND e.happened_at < ? AND ${COUNTED} ORDER BY e.happened_at DESC LIMIT 1`,
    [campId, userid, from],
  );
  return earlier === undefined ? near : [earlier.at, ...near];
}

// Intl takes several µs a date and every message of a learner looks again at the same counted times of the day around
// it, so dates are kept (a pure function of the instant and zone); cleared when full.
const datesByZone = new Map<string, Map<number, string>>();
const MAX_DATES = 100_000;

function cachedLocalDate(ms: number, timeZone: string): string {
  let dates = datesByZone.get(timeZone);
  if (!dates) datesByZone.set(timeZone, (dates = new Map()));
  let date = dates.get(ms);
  if (date === undefined) {
    if (dates.size >= MAX_DATES) dates.clear();
    dates.set(ms, (date = localDateOf(ms, timeZone)));
  }
  return date;
}

/** The rule's state for a message at `at`, from the learner's counted message times (ascending). */
export function stateFromTimes(times: readonly number[], at: number, timeZone: string): ParticipationState {
  const before = upperBound(times, at);
  const day = cachedLocalDate(at, timeZone);
  let countedToday = 0;
  for (let i = lowerBound(times, at - DAY_REACH_MS); i < times.length && times[i]! <= at + DAY_REACH_MS; i += 1) {
    if (cachedLocalDate(times[i]!, timeZone) === day) countedToday += 1;
  }
  return { lastCountedAt: before > 0 ? times[before - 1]! : null, countedToday };
}

// The instants a zone's calendar day spans, widened by a clock change (at most 2 h in any zone), since the zone's
// computed midnights are exact only to within one; kept per zone and date (they are asked for on every message).
const daySpans = new Map<string, { from: number; to: number }>();

function daySpan(day: string, timeZone: string): { from: number; to: number } {
  const key = `${timeZone} ${day}`;
  let span = daySpans.get(key);
  if (!span) {
    if (daySpans.size >= 1000) daySpans.clear();
    span = { from: zonedTimeToUtcMs(day, timeZone) - CLOCK_CHANGE_MS, to: endOfLocalDayMs(day, timeZone) + CLOCK_CHANGE_MS };
    daySpans.set(key, span);
  }
  return span;
}

/**
 * The participation state of one learner for a message at `at` (what the chat pipeline passes to
 * `countsAsParticipation`), from that learner's counted messages of the day around `at` only. Call inside the
 * message's transaction.
 */
export async function participationStateAt(db: Db, campId: string, userid: string, at: number, timeZone: string): Promise<ParticipationState> {
  const { from, to } = daySpan(cachedLocalDate(at, timeZone), timeZone);
  return stateFromTimes(await countedTimesNear(db, campId, userid, at, Math.min(from, at), Math.max(to, at)), at, timeZone);
}

/** Inserts `at` into ascending `times`. */
export function insertTime(times: number[], at: number): void {
  times.splice(upperBound(times, at), 0, at);
}

/** Index of the first time > at in ascending `times`: how many are ≤ at. */
export function upperBound(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first time >= at. */
function lowerBound(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
