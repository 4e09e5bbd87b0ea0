import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ValidationError } from '../errors.js';
import { csvRows, type CsvRecord } from './csv-rows.js';
import { decodeChunks } from './decode-chunks.js';
import type { ByteSource, TextEncoding } from './text-encoding.js';

/** The file's bytes, read afresh from the start on every call. */
export function fileSource(file: string): ByteSource {
  return () => createReadStream(file);
}

/**
 * Refuses a missing or unreadable file to import with a one-line ValidationError. Call it before streaming the file,
 * whose read errors would otherwise arrive mid-import.
 */
export async function requireReadableFile(file: string): Promise<void> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ValidationError(code === 'ENOENT' ? `找不到文件 ${file}` : `无法读取文件 ${file}（${code ?? 'error'}）`);
  }
  if (!info.isFile()) throw new ValidationError(`无法读取文件 ${file}（不是普通文件）`);
}

/** A CSV file's records, decoded from `encoding`, as it streams (see `csvRows`). */
export function csvFileRows(file: string, encoding: TextEncoding, onHeader: (header: string[]) => void): AsyncGenerator<CsvRecord> {
  return csvRows(decodeChunks(fileSource(file)(), encoding), onHeader);
}
