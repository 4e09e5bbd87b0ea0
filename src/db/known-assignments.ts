import type Sqlite from 'better-sqlite3';

/** Assignment ids created (and not revoked) in the camp's ledger. */
export function knownAssignments(sqlite: Sqlite.Database, campId: string): Set<string> {
  const rows = sqlite.prepare<[string, string], { ref: string }>(
    `SELECT DISTINCT ref FROM events e WHERE camp_id = ? AND type = 'assignment' AND ref IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM events r WHERE r.camp_id = ? AND r.type = 'revoke' AND r.revokes = e.id)`,
  ).all(campId, campId);
  return new Set(rows.map((r) => r.ref));
}
