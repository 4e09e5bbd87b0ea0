import type Sqlite from 'better-sqlite3';
import { previewAwards } from '../db/preview-awards.js';
import { rosterOf } from '../db/roster-store.js';
import { currentPublication } from '../delivery/publication-store.js';
import type { ExportInput } from './export-tables.js';
import { loadPrizeClaims } from './load-prize-claims.js';

/**
 * What an export holds as of `now`: the standings, the awards of the publication in force (else the current
 * preview), the prize hand-overs and everyone's names. Throws ValidationError for an unknown camp.
 */
export function loadExportInput(sqlite: Sqlite.Database, campId: string, now: number): ExportInput {
  const preview = previewAwards(sqlite, campId, now);
  const published = currentPublication(sqlite, campId);
  return {
    config: preview.config,
    standings: preview.standings,
    winners: published ? published.result.winners : preview.winners,
    winnersSource: published ? { kind: 'published', id: published.id } : { kind: 'preview' },
    claims: loadPrizeClaims(sqlite, campId, now),
    names: new Map(rosterOf(sqlite, campId).map((p) => [p.userid, p.name])),
  };
}
