import { executorOf, type Db } from './db.js';

export type ScheduleJob = 'leaderboard' | 'preview' | 'publish';

export interface SlotKey {
  campId: string;
  job: ScheduleJob;
  /** The slot's local date-time in the camp's zone, e.g. `2026-11-20T20:00`. */
  slot: string;
}

/** One slot's record: who took it, when it finished, and its failures so far. */
export interface ScheduleRun extends SlotKey {
  claimedAt: number;
  claimedBy: string;
  finishedAt: number | null;
  error: string | null;
  failures: number;
  failedAt: number | null;
}

/** A slot whose work threw and that is not done yet; `timezone` is its camp's, to place the slot in time. */
export interface FailedSlot extends SlotKey {
  timezone: string;
  failures: number;
  failedAt: number;
}

// A slot is taken by whoever commits first with `finished_at` set; a slot that only failed so far may be taken again.
// (PostgreSQL waits on the conflicting row, then re-checks the WHERE, so two instances never both take it.)
const CLAIM_SQL = `INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (camp_id, job, slot) DO UPDATE SET claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by
  WHERE schedule_runs.finished_at IS NULL`;
const FINISH_SQL = 'UPDATE schedule_runs SET finished_at = ? WHERE camp_id = ? AND job = ? AND slot = ?';
const FAILURE_SQL = `INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by, error, failures, failed_at)
  VALUES (?, ?, ?, ?, ?, ?, 1, ?)
  ON CONFLICT (camp_id, job, slot) DO UPDATE SET claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by,
    error = excluded.error, failures = schedule_runs.failures + 1, failed_at = excluded.failed_at
  WHERE schedule_runs.finished_at IS NULL
  RETURNING failures`;
const DONE_SQL = 'SELECT 1 AS "done" FROM schedule_runs WHERE camp_id = ? AND job = ? AND slot = ? AND finished_at IS NOT NULL';
const FAILED_SQL = `SELECT r.camp_id AS "campId", r.job, r.slot, c.timezone, r.failures, r.failed_at AS "failedAt"
  FROM schedule_runs r JOIN camps c ON c.id = r.camp_id WHERE r.finished_at IS NULL ORDER BY r.failed_at`;
const RUNS_SQL = `SELECT camp_id AS "campId", job, slot, claimed_at AS "claimedAt", claimed_by AS "claimedBy",
  finished_at AS "finishedAt", error, failures, failed_at AS "failedAt" FROM schedule_runs ORDER BY camp_id, job, slot`;

/** Takes the slot for this run unless it is done; call in the transaction of the slot's work. */
export async function claimSlot(tx: Db, key: SlotKey, by: string, now: number): Promise<boolean> {
  return (await executorOf(tx).run(CLAIM_SQL, [key.campId, key.job, key.slot, now, by])).changes === 1;
}

/** Marks the claimed slot done, in the transaction of its work. */
export async function finishSlot(tx: Db, key: SlotKey, now: number): Promise<void> {
  await executorOf(tx).run(FINISH_SQL, [now, key.campId, key.job, key.slot]);
}

/**
 * Records that the slot's work threw (after its transaction rolled back), leaving the slot open to be retried;
 * returns how many times it has failed (0 if another run finished it meanwhile).
 */
export async function recordSlotFailure(db: Db, key: SlotKey, by: string, now: number, error: string): Promise<number> {
  const row = await executorOf(db).get<{ failures: number }>(FAILURE_SQL, [key.campId, key.job, key.slot, now, by, error, now]);
  return row?.failures ?? 0;
}

/** True once the slot's work has committed. */
export async function isSlotDone(db: Db, key: SlotKey): Promise<boolean> {
  return (await executorOf(db).get(DONE_SQL, [key.campId, key.job, key.slot])) !== undefined;
}

/** Every slot that failed and is not done yet, oldest failure first. */
export function failedSlots(db: Db): Promise<FailedSlot[]> {
  return executorOf(db).all<FailedSlot>(FAILED_SQL);
}

/** Every slot record, by camp, job and slot (for operators and tests). */
export function listScheduleRuns(db: Db): Promise<ScheduleRun[]> {
  return executorOf(db).all<ScheduleRun>(RUNS_SQL);
}
