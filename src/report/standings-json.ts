import type { Standings } from '../scoring/standings.js';
import { isoOf } from './iso-of.js';

/** The SPEC §1 `standings --json` document (also the console's `GET /api/camps/:id/standings`). */
export function standingsJson(standings: Standings): object {
  return {
    asOf: isoOf(standings.asOf),
    assessed: standings.assessed,
    rows: standings.rows.map((row) => ({
      userid: row.userid, name: row.name, team: row.team, rank: row.rank, composite: row.composite, metrics: row.metrics,
    })),
  };
}
