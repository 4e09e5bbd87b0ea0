import { executorOf, type Db } from './db.js';
import { loadRevoked } from './load-facts.js';
import type { PublishedWinner } from './publication-record.js';
import { currentPublication } from './publication-store.js';
import { inJsonArray } from './sql-dialect.js';

/** One `/prize claimed` record still in force. */
export interface PrizeClaim {
  eventId: number;
  award: string;
  userid: string;
  actor: string;
  at: number;
}

/** The camp's prize hand-overs as of `asOf`, revocations applied, in recording order. */
export async function loadPrizeClaims(db: Db, campId: string, asOf: number): Promise<PrizeClaim[]> {
  const revoked = JSON.stringify([...(await loadRevoked(db, campId, asOf))]);
  const ex = executorOf(db);
  return ex.all<PrizeClaim>(
    `SELECT id AS "eventId", ref AS "award", userid, actor, happened_at AS "at" FROM events
     WHERE camp_id = @campId AND type = 'prize_claimed' AND happened_at <= @asOf AND userid IS NOT NULL AND ref IS NOT NULL
       AND NOT ${inJsonArray(ex.dialect, 'id', 'revoked', 'bigint')}
     ORDER BY id`,
    { campId, asOf, revoked },
  );
}

/** Prize hand-overs in force: `${userid}\u0000${award}` → the event id that recorded it. */
export async function prizeClaims(db: Db, campId: string, asOf: number): Promise<Map<string, number>> {
  return new Map((await loadPrizeClaims(db, campId, asOf)).map((claim) => [claimKey(claim.userid, claim.award), claim.eventId]));
}

export function claimKey(userid: string, award: string): string {
  return `${userid}\u0000${award}`;
}

/** Winners of the publication in force whose award carries a prize not yet handed over. */
export async function unclaimedPrizes(db: Db, campId: string, asOf: number): Promise<PublishedWinner[]> {
  const publication = await currentPublication(db, campId);
  if (!publication) return [];
  const claims = await prizeClaims(db, campId, asOf);
  return publication.result.winners.filter((w) => w.prize && !claims.has(claimKey(w.userid, w.award)));
}
