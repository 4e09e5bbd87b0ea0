import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { ValidationError } from '../errors.js';
import { appendImportedEvents } from '../db/append-imported-events.js';
import { knownAssignments } from '../db/known-assignments.js';
import { learnersOf } from '../db/roster-store.js';
import { checkEventRows } from './check-event-rows.js';
import type { EventRow, EventRowContext } from './event-row.js';
import { importedEvents } from './imported-events.js';
import type { ImportResult, Progress } from './import-result.js';
import { csvFileRows, fileSource } from './read-table-file.js';
import { extraCells } from './table-row.js';
import { detectEncoding, type TextEncoding } from './text-encoding.js';

export const EVENT_COLUMNS = ['type', 'userid', 'value', 'at', 'ref', 'actor', 'note'] as const;

function checkHeader(header: string[]): void {
  const missing = EVENT_COLUMNS.filter((c) => c !== 'note' && c !== 'actor' && !header.includes(c));
  const unknown = header.filter((c) => c && !(EVENT_COLUMNS as readonly string[]).includes(c));
  const problems = [...missing.map((c) => `header: 缺少列 ${c}`), ...unknown.map((c) => `header: 未知列 ${c}`)];
  if (problems.length > 0) {
    throw new ValidationError(`表头应为 ${EVENT_COLUMNS.join(',')}，未导入任何内容`, problems);
  }
}

type Positions = Record<(typeof EVENT_COLUMNS)[number], number>;

/** The file's rows as EventRows, cells picked by the header's column positions (trimmed; a missing column is ''). */
async function* eventRows(file: string, encoding: TextEncoding): AsyncGenerator<EventRow> {
  let header: string[] = [];
  let at: Positions | undefined;
  const cell = (cells: string[], index: number): string => (index < 0 ? '' : (cells[index] ?? '').trim());
  for await (const { line, cells } of csvFileRows(file, encoding, (names) => checkHeader((header = names)))) {
    at ??= Object.fromEntries(EVENT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Positions;
    yield {
      line, type: cell(cells, at.type), userid: cell(cells, at.userid), value: cell(cells, at.value), at: cell(cells, at.at),
      ref: cell(cells, at.ref), actor: cell(cells, at.actor), note: cell(cells, at.note), extra: extraCells(cells, header.length),
    };
  }
}

/**
 * `events import` of a CSV of facts (SPEC §5 table) in two streaming passes, so a million rows need little memory:
 * the first checks every row and throws ValidationError with every `line N: what` (nothing recorded); the second
 * appends the events in one transaction. Rows already recorded (same camp, same content, same occurrence) are counted
 * as duplicates.
 */
export async function importEventsCsv(
  sqlite: Sqlite.Database, camp: CampConfig, file: string, now: number, progress?: Progress,
): Promise<ImportResult> {
  const encoding = await detectEncoding(fileSource(file));
  const ctx: EventRowContext = {
    campId: camp.id,
    lessons: camp.lessons,
    timeZone: camp.timezone,
    learners: new Set(learnersOf(sqlite, camp.id).map((l) => l.userid)),
    now,
  };
  const assignments = await checkEventRows(eventRows(file, encoding), ctx, knownAssignments(sqlite, camp.id), progress);
  const counts = await appendImportedEvents(sqlite, importedEvents(eventRows(file, encoding), ctx, assignments, progress), now);
  return { ...counts, skipped: 0 };
}
