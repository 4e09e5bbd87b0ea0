import type Sqlite from 'better-sqlite3';
import { loadRevoked } from '../db/load-facts.js';

/** One `/prize claimed` record still in force. */
export interface PrizeClaim {
  eventId: number;
  award: string;
  userid: string;
  actor: string;
  at: number;
}

/** The camp's prize hand-overs as of `asOf`, revocations applied, in recording order. */
export function loadPrizeClaims(sqlite: Sqlite.Database, campId: string, asOf: number): PrizeClaim[] {
  const revoked = JSON.stringify([...loadRevoked(sqlite, campId, asOf)]);
  return sqlite.prepare(
    `SELECT id AS eventId, ref AS award, userid, actor, happened_at AS at FROM events
     WHERE camp_id = ? AND type = 'prize_claimed' AND happened_at <= ? AND userid IS NOT NULL AND ref IS NOT NULL
       AND id NOT IN (SELECT value FROM json_each(?))
     ORDER BY id`,
  ).all(campId, asOf, revoked) as PrizeClaim[];
}
