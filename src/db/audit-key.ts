import { executorOf, type Db } from './db.js';

/** Binds AUDIT_SECRET to an open store: appends through it sign the ledger head, `verifyChain` checks the signature. */
export function bindAuditKey(db: Db, key: string | null): void {
  executorOf(db).settings.auditKey = key || null;
}

/** The audit key bound to this store, or null when the head is kept unsigned. */
export function auditKeyOf(db: Db): string | null {
  return executorOf(db).settings.auditKey;
}
