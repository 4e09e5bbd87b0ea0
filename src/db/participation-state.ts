import type Sqlite from 'better-sqlite3';
import { localDateOf } from '../camp/time-zone.js';
import type { ParticipationState } from '../scoring/participation-rule.js';
import { prepared } from './prepared.js';

/**
 * Messages counted as participation (chat pipeline and chat-archive import alike) are `participation` events whose
 * dedupe key is `participation:<msgid>`; points given by `/score` or a CSV import are not messages and never count here.
 */
export const PARTICIPATION_KEY_PREFIX = 'participation:';

/** Times (ms, ascending) of each learner's counted, non-revoked messages; optionally for one learner only. */
export function countedMessageTimes(sqlite: Sqlite.Database, campId: string, userid?: string): Map<string, number[]> {
  const rows = prepared<{ campId: string; userid: string | null }, { userid: string; at: number }>(
    sqlite,
    `SELECT userid, happened_at AS at FROM events e
     WHERE camp_id = @campId AND type = 'participation' AND (@userid IS NULL OR userid = @userid)
       AND substr(dedupe_key, 1, ${PARTICIPATION_KEY_PREFIX.length}) = '${PARTICIPATION_KEY_PREFIX}'
       AND NOT EXISTS (SELECT 1 FROM events r WHERE r.camp_id = e.camp_id AND r.type = 'revoke' AND r.revokes = e.id)
     ORDER BY happened_at`,
  ).all({ campId, userid: userid ?? null });
  const byUser = new Map<string, number[]>();
  for (const row of rows) {
    const times = byUser.get(row.userid);
    if (times) times.push(row.at);
    else byUser.set(row.userid, [row.at]);
  }
  return byUser;
}

/** The rule's state for a message at `at`, from the learner's counted message times (ascending). */
export function stateFromTimes(times: readonly number[], at: number, timeZone: string): ParticipationState {
  const before = upperBound(times, at);
  const day = localDateOf(at, timeZone);
  let countedToday = 0;
  // A calendar day is at most 25 h long, so only times within 26 h either side can share it.
  for (let i = lowerBound(times, at - 26 * 3_600_000); i < times.length && times[i]! <= at + 26 * 3_600_000; i += 1) {
    if (localDateOf(times[i]!, timeZone) === day) countedToday += 1;
  }
  return { lastCountedAt: before > 0 ? times[before - 1]! : null, countedToday };
}

/**
 * The participation state of one learner for a message at `at` (what the chat pipeline passes to
 * `countsAsParticipation`). Call inside the message's transaction.
 */
export function participationStateAt(sqlite: Sqlite.Database, campId: string, userid: string, at: number, timeZone: string): ParticipationState {
  return stateFromTimes(countedMessageTimes(sqlite, campId, userid).get(userid) ?? [], at, timeZone);
}

/** Inserts `at` into ascending `times`. */
export function insertTime(times: number[], at: number): void {
  times.splice(upperBound(times, at), 0, at);
}

/** Index of the first time > at. */
function upperBound(times: readonly number[], at: number): number {
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
