import type { Db } from '../db/db.js';
import { previewAwards } from '../db/preview-awards.js';
import { rosterOf } from '../db/roster-store.js';
import { currentPublication } from '../db/publication-store.js';
import type { ExportInput } from './export-tables.js';
import { loadPrizeClaims } from '../db/prize-claims.js';

/**
 * What an export holds as of `now`: the standings, the awards of the publication in force (else the current
 * preview), the prize hand-overs and everyone's names. Throws ValidationError for an unknown camp.
 */
export async function loadExportInput(db: Db, campId: string, now: number): Promise<ExportInput> {
  const preview = await previewAwards(db, campId, now);
  const published = await currentPublication(db, campId);
  return {
    config: preview.config,
    standings: preview.standings,
    winners: published ? published.result.winners : preview.winners,
    winnersSource: published ? { kind: 'published', id: published.id } : { kind: 'preview' },
    claims: await loadPrizeClaims(db, campId, now),
    names: new Map((await rosterOf(db, campId)).map((p) => [p.userid, p.name])),
  };
}
