import type { CampConfig } from '../camp/camp-config.js';
import { appendImportedEvents } from '../db/append-imported-events.js';
import type { Db } from '../db/db.js';
import { knownAssignments } from '../db/known-assignments.js';
import { learnersOf } from '../db/roster-store.js';
import { checkEventRows } from './check-event-rows.js';
import type { EventRowContext } from './event-row.js';
import { eventsFromWorker } from './events-from-worker.js';
import { eventRows } from './event-rows.js';
import type { ImportResult, Progress } from './import-result.js';
import { fileSource } from './import-file.js';
import { detectEncoding } from './text-encoding.js';

/**
 * `events import` of a CSV of facts (SPEC §5 table) in two streaming passes, so a million rows need little memory:
 * the first checks every row and throws ValidationError with every `line N: what` (nothing recorded); the second
 * reads the file again on a worker thread and appends its events here in one transaction. Rows already recorded
 * (same camp, same content, same occurrence) are counted as duplicates.
 */
export async function importEventsCsv(
  db: Db, camp: CampConfig, file: string, now: number, progress?: Progress,
): Promise<ImportResult> {
  const encoding = await detectEncoding(fileSource(file));
  const ctx: EventRowContext = {
    campId: camp.id,
    lessons: camp.lessons,
    timeZone: camp.timezone,
    learners: new Set((await learnersOf(db, camp.id)).map((l) => l.userid)),
    now,
  };
  const assignments = await checkEventRows(eventRows(file, encoding), ctx, await knownAssignments(db, camp.id), progress);
  const counts = await appendImportedEvents(db, eventsFromWorker(file, encoding, ctx, assignments, progress), now);
  return { ...counts, skipped: 0 };
}
