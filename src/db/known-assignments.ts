import { assignmentIds } from './ledger-queries.js';
import type { Db } from './db.js';

/** Assignment ids created (and not revoked) in the camp's ledger. */
export async function knownAssignments(db: Db, campId: string): Promise<Set<string>> {
  return new Set(await assignmentIds(db, campId));
}
