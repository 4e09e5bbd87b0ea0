import { extname } from 'node:path';
import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { ValidationError } from '../errors.js';
import { learnersOf } from '../db/roster-store.js';
import { parseCsvTable, readFileOrFail } from './read-table-file.js';
import { appendAll, eventsFromTable, knownAssignments, type ImportResult, type Progress } from './import-events-csv.js';
import { parseChatArchive } from './parse-chat-archive.js';
import { importChatArchive } from './import-chat-archive.js';

/**
 * `events import`: a `.csv` of facts (SPEC §5 table) or a `.jsonl` chat archive (participation). Validates the whole
 * file first and records nothing when any row is bad (ValidationError with every `line N: what`); re-importing
 * the same file records nothing new.
 */
export async function importEventsFile(
  sqlite: Sqlite.Database, camp: CampConfig, file: string, now: number, progress?: Progress,
): Promise<ImportResult> {
  const content = await readFileOrFail(file);
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl') return importChatArchive(sqlite, camp, parseChatArchive(content.toString('utf8'), now), now);
  if (ext !== '.csv') throw new ValidationError(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .jsonl`);
  const events = eventsFromTable(parseCsvTable(content.toString('utf8')), content, {
    campId: camp.id,
    lessons: camp.lessons,
    timeZone: camp.timezone,
    learners: new Set(learnersOf(sqlite, camp.id).map((l) => l.userid)),
    knownAssignments: knownAssignments(sqlite, camp.id),
    now,
  }, progress);
  return appendAll(sqlite, events, now);
}
