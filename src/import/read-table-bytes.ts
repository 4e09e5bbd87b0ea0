import { extname } from 'node:path';
import { readTableFile } from './read-table-file.js';
import type { Table } from './table-row.js';
import { withTempFile } from './with-temp-file.js';

/**
 * Reads an uploaded `.csv` or `.xlsx` (its bytes and the name it was uploaded with) exactly as `readTableFile` reads a
 * file — the same encodings, limits and one-line refusals — by way of a private temp file.
 * @example const table = await readTableBytes('roster.xlsx', buffer);
 */
export function readTableBytes(name: string, content: Buffer): Promise<Table> {
  return withTempFile(extname(name), content, readTableFile);
}
