import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ValidationError } from '../errors.js';
import { csvRows, type CsvRecord } from './csv-rows.js';
import { decodeChunks } from './decode-chunks.js';
import { readXlsxTable } from './read-xlsx-table.js';
import { tableRow, type Table } from './table-row.js';
import { detectEncoding, type ByteSource, type TextEncoding } from './text-encoding.js';

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

/**
 * Reads a `.csv` (UTF-8, UTF-16 with BOM or GB18030, see `detectEncoding`) or `.xlsx` file by its extension into header
 * and rows. Unreadable, mis-encoded or oversized files are refused with one line.
 */
export async function readTableFile(file: string): Promise<Table> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new ValidationError(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .xlsx`);
  await requireReadableFile(file);
  if (ext === '.xlsx') return readXlsxTable(file);
  const table: Table = { header: [], rows: [] };
  const encoding = await detectEncoding(fileSource(file));
  for await (const { line, cells } of csvFileRows(file, encoding, (header) => (table.header = header))) {
    table.rows.push(tableRow(line, table.header, cells));
  }
  return table;
}
