import { extname } from 'node:path';
import { ValidationError } from '../errors.js';
import { csvFileRows, fileSource, requireReadableFile } from './import-file.js';
import { readXlsxTable } from './read-xlsx-table.js';
import { tableRow, type Table } from './table-row.js';
import { detectEncoding } from './text-encoding.js';

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
