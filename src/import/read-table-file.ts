import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse, CsvError } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors.js';

/** One data row with the file line (CSV) or sheet row (XLSX) it came from. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Non-empty cells beyond the header's columns (a sign of a misplaced comma). */
  extra: number;
}

export interface Table {
  /** Column names, trimmed and lower-cased. */
  header: string[];
  rows: TableRow[];
}

/**
 * Parses CSV text (UTF-8, BOM allowed) into header + rows keyed by column name. A CSV syntax error throws
 * ValidationError naming its line.
 */
export function parseCsvTable(text: string): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new ValidationError(`CSV 格式错误：line ${line ?? '?'}: ${error.message}`);
    }
    throw error;
  }
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((name) => name.trim().toLowerCase());
  const rows = body.map(({ record, info }) => {
    const newlines = record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - newlines, values: keyed(header, record), extra: extraCells(header, record) };
  });
  return { header, rows };
}

function keyed(header: string[], record: string[]): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  header.forEach((name, i) => {
    values[name] = (record[i] ?? '').trim();
  });
  return values;
}

function extraCells(header: string[], record: string[]): number {
  return record.slice(header.length).filter((v) => v.trim() !== '').length;
}

/** Reads the first worksheet of an XLSX file; row 1 is the header. Dates become `YYYY-MM-DD`. */
export async function parseXlsxTable(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('无法读取 XLSX 文件（not a valid .xlsx workbook）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const cells = (row: ExcelJS.Row): string[] => {
    const out: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      out[col - 1] = cellText(cell.value);
    });
    return Array.from(out, (v) => v ?? '');
  };
  const header = cells(sheet.getRow(1)).map((name) => name.trim().toLowerCase());
  const rows: TableRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record = cells(row);
    if (record.every((v) => v.trim() === '')) return;
    rows.push({ line: number, values: keyed(header, record), extra: extraCells(header, record) });
  });
  return { header, rows };
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

/** Reads a `.csv` or `.xlsx` file by its extension, with the raw bytes (for content hashing). */
export async function readTableFile(file: string): Promise<Table & { content: Buffer }> {
  const content = await readFileOrFail(file);
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return { ...(await parseXlsxTable(content)), content };
  if (ext === '.csv') return { ...parseCsvTable(content.toString('utf8')), content };
  throw new ValidationError(`不支持的文件类型 ${ext || '(none)'}：请用 .csv 或 .xlsx`);
}

/** Reads a file, turning a missing or unreadable file into a one-line ValidationError. */
export async function readFileOrFail(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ValidationError(code === 'ENOENT' ? `找不到文件 ${file}` : `无法读取文件 ${file}（${code ?? 'error'}）`);
  }
}
