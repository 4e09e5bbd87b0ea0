import { transaction } from '../db/db.js';
import { importRoster, rosterOf, type RosterRow } from '../db/roster-store.js';
import { parseRoster } from '../import/parse-roster.js';
import { readTableBytes } from '../import/read-table-bytes.js';
import type { ConsoleApi } from './api-router.js';
import type { RosterPreview } from './api-types.js';
import { refuseByLines } from './problem-details.js';
import { rosterDiff } from './roster-diff.js';
import { uploadOf } from './uploaded-file.js';

/** Roster uploads (CSV or XLSX, like `roster import`): a preview of what changes, and applying it. */
export function rosterRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('post', '/roster/preview', ['admin'], async ({ campId, body }): Promise<RosterPreview> =>
    rosterDiff(await rosterOf(deps.store, campId), await rosterRows(body)));

  api.camp('put', '/roster', ['admin'], async ({ campId, body }): Promise<RosterPreview> => {
    const rows = await rosterRows(body);
    return transaction(deps.store, async (tx) => {
      const preview = rosterDiff(await rosterOf(tx, campId), rows);
      await importRoster(tx, campId, rows);
      return preview;
    }, 'write');
  });
}

/** The uploaded roster's rows, every bad row refused by its line (nothing is applied then). */
async function rosterRows(body: Record<string, unknown>): Promise<RosterRow[]> {
  const upload = uploadOf(body, ['.csv', '.xlsx']);
  try {
    return parseRoster(await readTableBytes(upload.name, upload.content));
  } catch (error) {
    return refuseByLines(error);
  }
}
