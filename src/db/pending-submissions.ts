import { executorOf, type Db } from './db.js';

/** A `/submit <assignment>` waiting for the image or link that follows it. */
export interface PendingSubmission {
  campId: string;
  userid: string;
  assignment: string;
  expiresAt: number;
}

/** Remembers (or replaces) the learner's pending submission in a camp. */
export async function awaitFollowUp(db: Db, pending: PendingSubmission): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO pending_submissions (camp_id, userid, assignment, expires_at) VALUES (@campId, @userid, @assignment, @expiresAt)
     ON CONFLICT (camp_id, userid) DO UPDATE SET assignment = excluded.assignment, expires_at = excluded.expires_at`,
    { ...pending },
  );
}

const SELECT = 'SELECT camp_id AS "campId", userid, assignment, expires_at AS "expiresAt" FROM pending_submissions';

/**
 * Removes and returns the learner's unexpired pending submission (in `campId` when given, else the most recent in
 * any camp); expired ones are dropped.
 */
export async function takePendingSubmission(db: Db, userid: string, campId: string | null, now: number): Promise<PendingSubmission | undefined> {
  const ex = executorOf(db);
  await ex.run('DELETE FROM pending_submissions WHERE userid = ? AND expires_at < ?', [userid, now]);
  const found = campId === null
    ? await ex.get<PendingSubmission>(`${SELECT} WHERE userid = ? ORDER BY expires_at DESC LIMIT 1`, [userid])
    : await ex.get<PendingSubmission>(`${SELECT} WHERE userid = ? AND camp_id = ?`, [userid, campId]);
  if (found) await ex.run('DELETE FROM pending_submissions WHERE camp_id = ? AND userid = ?', [found.campId, userid]);
  return found;
}
