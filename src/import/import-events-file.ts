import { extname } from 'node:path';
import type { CampConfig } from '../camp/camp-config.js';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors.js';
import { importChatArchive } from './import-chat-archive.js';
import { importEventsCsv } from './import-events-csv.js';
import type { ImportResult, Progress } from './import-result.js';
import { requireReadableFile } from './import-file.js';

/**
 * `events import`: a `.csv` of facts (SPEC §5 table) or a `.jsonl` chat archive (participation). Checks the whole
 * file first and records nothing when any row is bad (ValidationError with every `line N: what`); re-importing
 * the same file records nothing new.
 */
export async function importEventsFile(
  db: Db, camp: CampConfig, file: string, now: number, progress?: Progress,
): Promise<ImportResult> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.jsonl') throw new ValidationError(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .jsonl`);
  await requireReadableFile(file);
  if (ext === '.jsonl') return importChatArchive(db, camp, file, now, progress);
  return importEventsCsv(db, camp, file, now, progress);
}
