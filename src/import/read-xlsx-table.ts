import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors.js';
import { columnNames, tableRow, type Table, type TableRow } from './table-row.js';

/** Limits that keep a workbook from being unpacked whole: checked on the file's size, then row by row. */
export const XLSX_LIMITS = { bytes: 20 * 1024 * 1024, rows: 1_000_000 };

type Limits = typeof XLSX_LIMITS;

const READ_OPTIONS = { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' } as const;

/**
 * Reads the first worksheet of an XLSX file row by row (row 1 is the header; dates become `YYYY-MM-DD`). A file over
 * `limits.bytes` is refused before any of it is read, a sheet over `limits.rows` data rows as soon as it passes them.
 * @example const { header, rows } = await readXlsxTable('名单.xlsx')
 */
export async function readXlsxTable(file: string, limits: Limits = XLSX_LIMITS): Promise<Table> {
  // Opened first: exceljs never settles when it cannot open the file itself.
  const handle = await open(file).catch(() => {
    throw new ValidationError(`无法读取文件 ${file}`);
  });
  const { size } = await handle.stat();
  if (size > limits.bytes) {
    await handle.close();
    throw new ValidationError(`XLSX 文件过大（${megabytes(size)} MB，上限 ${megabytes(limits.bytes)} MB）：请拆分，或另存为 CSV 后导入`);
  }
  const bytes = handle.createReadStream();
  try {
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(bytes, READ_OPTIONS)) return await sheetTable(sheet, limits);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError('无法读取 XLSX 文件（not a valid .xlsx workbook）');
  } finally {
    bytes.destroy();
  }
  return { header: [], rows: [] };
}

async function sheetTable(sheet: ExcelJS.stream.xlsx.WorksheetReader, limits: Limits): Promise<Table> {
  let header: string[] = [];
  const rows: TableRow[] = [];
  for await (const row of sheet) {
    if (row.number === 1) {
      header = columnNames(cells(row));
      continue;
    }
    if (row.number - 1 > limits.rows) {
      throw new ValidationError(`XLSX 工作表超过 ${limits.rows} 行数据（第 ${row.number} 行）：请拆分后导入`);
    }
    const record = cells(row);
    if (record.some((v) => v.trim() !== '')) rows.push(tableRow(row.number, header, record));
  }
  return { header, rows };
}

function cells(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    out[col - 1] = cellText(cell.value);
  });
  return Array.from(out, (v) => v ?? '');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}
