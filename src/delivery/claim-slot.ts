import type Sqlite from 'better-sqlite3';

export type ScheduleJob = 'leaderboard' | 'preview' | 'publish';

export interface SlotKey {
  campId: string;
  job: ScheduleJob;
  /** The slot's local date-time in the camp's zone, e.g. `2026-11-20T20:00`. */
  slot: string;
}

export type SlotOutcome = { ran: true; result: string } | { ran: false; reason: 'claimed' };

/**
 * Runs `work` for a schedule slot only if this caller is the one that claims it. Claim, work and finish share one
 * immediate transaction: a second process (or a restart) finds the slot taken, and a crash mid-way rolls the
 * claim back with everything the work wrote, so the slot is still open for the catch-up at start-up.
 * `work` must be synchronous (it writes the outbox; the worker sends later).
 */
export function runClaimedSlot(
  sqlite: Sqlite.Database,
  key: SlotKey,
  by: string,
  now: number,
  work: () => string,
): SlotOutcome {
  return sqlite
    .transaction((): SlotOutcome => {
      const claim = sqlite
        .prepare(`INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
        .run(key.campId, key.job, key.slot, now, by);
      if (claim.changes === 0) return { ran: false, reason: 'claimed' };
      const result = work();
      sqlite
        .prepare(`UPDATE schedule_runs SET finished_at = ?, error = ? WHERE camp_id = ? AND job = ? AND slot = ?`)
        .run(now, null, key.campId, key.job, key.slot);
      return { ran: true, result };
    })
    .immediate();
}

/** Records that a slot's work threw, so the operator sees it (`schedule_runs.error`); the slot stays claimed. */
export function recordSlotError(sqlite: Sqlite.Database, key: SlotKey, by: string, now: number, error: string): void {
  sqlite
    .prepare(
      `INSERT INTO schedule_runs (camp_id, job, slot, claimed_at, claimed_by, finished_at, error) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET finished_at = excluded.finished_at, error = excluded.error`,
    )
    .run(key.campId, key.job, key.slot, now, by, now, error);
}

/** True when the slot was claimed already (by anyone). */
export function isSlotClaimed(sqlite: Sqlite.Database, key: SlotKey): boolean {
  return sqlite.prepare('SELECT 1 FROM schedule_runs WHERE camp_id = ? AND job = ? AND slot = ?').get(key.campId, key.job, key.slot) !== undefined;
}
