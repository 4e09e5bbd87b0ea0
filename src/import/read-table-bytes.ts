import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { readTableFile } from './read-table-file.js';
import type { Table } from './table-row.js';

/**
 * Reads an uploaded `.csv` or `.xlsx` (its bytes and the name it was uploaded with) exactly as `readTableFile` reads a
 * file — the same encodings, limits and one-line refusals — by way of a private temp file.
 * @example const table = await readTableBytes('roster.xlsx', buffer);
 */
export async function readTableBytes(name: string, content: Buffer): Promise<Table> {
  const dir = await mkdtemp(join(tmpdir(), 'camp-bot-upload-'));
  try {
    const file = join(dir, `upload${extname(name).toLowerCase()}`);
    await writeFile(file, content);
    return await readTableFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
