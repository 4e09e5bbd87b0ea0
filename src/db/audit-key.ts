import type Sqlite from 'better-sqlite3';

// The key travels with the handle (as it will with the storage layer's store), so every append through it signs.
const keys = new WeakMap<Sqlite.Database, string>();

/** Binds AUDIT_SECRET to a handle: appends through it sign the ledger head, `verifyChain` checks the signature. */
export function bindAuditKey(sqlite: Sqlite.Database, key: string | null): void {
  if (key) keys.set(sqlite, key);
  else keys.delete(sqlite);
}

/** The audit key bound to this handle, or null when the head is kept unsigned. */
export function auditKeyOf(sqlite: Sqlite.Database): string | null {
  return keys.get(sqlite) ?? null;
}
