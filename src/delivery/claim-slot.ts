import type Sqlite from 'better-sqlite3';
import { claimSlot, finishSlot, type SlotKey } from '../db/schedule-runs.js';

export type SlotOutcome = { ran: true; result: string } | { ran: false; reason: 'claimed' };

/**
 * Runs `work` for a schedule slot only if this caller is the one that claims it. Claim, work and finish share one
 * immediate transaction: a second process (or a restart) finds the slot taken, and a crash or a throw mid-way rolls
 * the claim back with everything the work wrote, so the slot stays open to be retried (the caller records the
 * failure). `work` must be synchronous (it writes the outbox; the worker sends later).
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
      if (!claimSlot(sqlite, key, by, now)) return { ran: false, reason: 'claimed' };
      const result = work();
      finishSlot(sqlite, key, now);
      return { ran: true, result };
    })
    .immediate();
}
