import type Sqlite from 'better-sqlite3';
import { prepared } from '../db/prepared.js';

/** How long after `/submit <assignment>` an image or link message still counts as that submission. */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

/** A `/submit <assignment>` waiting for the image or link that follows it. */
export interface PendingSubmission {
  campId: string;
  userid: string;
  assignment: string;
  expiresAt: number;
}

/** Remembers (or replaces) the learner's pending submission in a camp. */
export function awaitFollowUp(sqlite: Sqlite.Database, pending: PendingSubmission): void {
  prepared(
    sqlite,
    `INSERT INTO pending_submissions (camp_id, userid, assignment, expires_at) VALUES (@campId, @userid, @assignment, @expiresAt)
     ON CONFLICT (camp_id, userid) DO UPDATE SET assignment = excluded.assignment, expires_at = excluded.expires_at`,
  ).run(pending);
}

/**
 * Removes and returns the learner's unexpired pending submission (in `campId` when given, else the most recent in
 * any camp); expired ones are dropped.
 */
export function takePendingSubmission(sqlite: Sqlite.Database, userid: string, campId: string | null, now: number): PendingSubmission | undefined {
  prepared(sqlite, 'DELETE FROM pending_submissions WHERE userid = ? AND expires_at < ?').run(userid, now);
  const found = prepared<[string, string | null, string | null], PendingSubmission>(
    sqlite,
    `SELECT camp_id AS campId, userid, assignment, expires_at AS expiresAt FROM pending_submissions
     WHERE userid = ? AND (? IS NULL OR camp_id = ?) ORDER BY expires_at DESC LIMIT 1`,
  ).get(userid, campId, campId);
  if (found) prepared(sqlite, 'DELETE FROM pending_submissions WHERE camp_id = ? AND userid = ?').run(found.campId, userid);
  return found;
}
