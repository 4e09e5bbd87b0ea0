import type { AwardsPreview } from '../db/preview-awards.js';
import type { PublishedWinner } from '../db/publication-record.js';
import type { Winner } from '../scoring/winner.js';
import { isoOf } from './iso-of.js';

/** A winner row as `awards preview|publish --json` print it (SPEC §1). */
export function winnerJson(w: Winner | PublishedWinner): { award: string; userid: string; team: string | null; rank: number | null; value: number } {
  return { award: w.award, userid: w.userid, team: w.team, rank: w.rank, value: w.value };
}

/** The SPEC §1 `awards preview --json` document (also the console's `GET /api/camps/:id/awards/preview`). */
export function awardsJson(preview: AwardsPreview): object {
  return { asOf: isoOf(preview.asOf), winners: preview.winners.map(winnerJson), warnings: preview.warnings };
}
