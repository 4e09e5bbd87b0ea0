import type Sqlite from 'better-sqlite3';
import { loadRevoked } from '../db/load-facts.js';
import type { PublishedWinner } from './award-result.js';
import { currentPublication } from './publication-store.js';

/** Prize hand-overs in force: `${userid}\u0000${award}` → the event id that recorded it. */
export function prizeClaims(sqlite: Sqlite.Database, campId: string, asOf: number): Map<string, number> {
  const revoked = JSON.stringify([...loadRevoked(sqlite, campId, asOf)]);
  const rows = sqlite
    .prepare(
      `SELECT id, userid, ref FROM events WHERE camp_id = ? AND type = 'prize_claimed' AND happened_at <= ?
         AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(campId, asOf, revoked) as { id: number; userid: string; ref: string }[];
  return new Map(rows.map((r) => [claimKey(r.userid, r.ref), r.id]));
}

export function claimKey(userid: string, award: string): string {
  return `${userid}\u0000${award}`;
}

/** Winners of the publication in force whose award carries a prize not yet handed over. */
export function unclaimedPrizes(sqlite: Sqlite.Database, campId: string, asOf: number): PublishedWinner[] {
  const publication = currentPublication(sqlite, campId);
  if (!publication) return [];
  const claims = prizeClaims(sqlite, campId, asOf);
  return publication.result.winners.filter((w) => w.prize && !claims.has(claimKey(w.userid, w.award)));
}
