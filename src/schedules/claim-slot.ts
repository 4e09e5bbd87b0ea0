import { transaction, type Db } from '../db/db.js';
import { claimSlot, finishSlot, type SlotKey } from '../db/schedule-runs.js';

export type SlotOutcome = { ran: true; result: string } | { ran: false; reason: 'claimed' };

/**
 * Runs `work` for a schedule slot only if this caller is the one that claims it. Claim, work and finish share one
 * transaction: a second process (or a restart) finds the slot taken, and a crash or a throw mid-way rolls the claim
 * back with everything the work wrote, so the slot stays open to be retried (the caller records the failure). `work`
 * writes through `tx` only (the outbox; the worker sends later).
 */
export function runClaimedSlot(db: Db, key: SlotKey, by: string, now: number, work: (tx: Db) => Promise<string>): Promise<SlotOutcome> {
  return transaction(db, async (tx): Promise<SlotOutcome> => {
    if (!(await claimSlot(tx, key, by, now))) return { ran: false, reason: 'claimed' };
    const result = await work(tx);
    await finishSlot(tx, key, now);
    return { ran: true, result };
  });
}
