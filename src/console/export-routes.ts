import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTables, type Table } from '../insight/export-tables.js';
import { loadExportInput } from '../insight/load-export-input.js';
import { writeCsv } from '../insight/write-csv.js';
import { writeXlsx } from '../insight/write-xlsx.js';
import { ApiRefusal } from '../errors.js';
import type { ConsoleApi } from './api-router.js';

const TABLES: Record<string, number> = { standings: 0, awards: 1, prizes: 2 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `camp-bot export` as downloads: the XLSX workbook (排名, 奖项, 领奖) or one table as CSV (UTF-8 with BOM). */
export function exportRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/export', ['admin', 'trainer'], async ({ ctx, campId, now }) => {
    const format = ctx.query.format;
    const table = typeof ctx.query.table === 'string' ? ctx.query.table : 'standings';
    if (format !== 'csv' && format !== 'xlsx') throw new ApiRefusal(400, 'format 须为 csv 或 xlsx');
    if (format === 'csv' && !Object.hasOwn(TABLES, table)) throw new ApiRefusal(400, 'table 须为 standings、awards 或 prizes');
    const tables = exportTables(await loadExportInput(deps.store, campId, now));
    const name = format === 'xlsx' ? `${campId}.xlsx` : `${campId}-${table}.csv`;
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
    ctx.type = format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8';
    ctx.body = await written(format === 'xlsx' ? tables : [tables[TABLES[table]!]!], format);
    return undefined;
  });
}

/** The export's bytes, written by the CLI's own writers into a temporary folder. */
async function written(tables: Table[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'camp-bot-export-'));
  try {
    const file = join(dir, `export.${format}`);
    if (format === 'xlsx') await writeXlsx(tables, file);
    else writeCsv(tables, file);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
