import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Table } from '../../src/insight/export-tables.js';
import { writeCsv } from '../../src/insight/write-csv.js';
import { writeXlsx } from '../../src/insight/write-xlsx.js';
import { tempDbFile } from '../support/temp-db-file.js';

const HOSTILE = ['=HYPERLINK("https://evil.example/x","领取证书")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '＝1+1'];
const TABLE: Table = {
  name: '排名',
  header: ['排名', '姓名', '综合分'],
  rows: [...HOSTILE.map((name, i) => [i + 1, name, -3.5]), [6, '张三-A', 0]],
};

describe('export files and formulas', () => {
  let temp: ReturnType<typeof tempDbFile>;
  beforeEach(() => {
    temp = tempDbFile();
  });
  afterEach(() => temp.cleanup());

  it('CSV: text Excel would run as a formula starts with a quote; numbers stay numbers', () => {
    const [file] = writeCsv([TABLE], join(temp.dir, 'camp.csv'));
    const rows = parse(readFileSync(file!, 'utf8'), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual([...HOSTILE.map((name) => `'${name}`), '张三-A']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['-3.5', '-3.5', '-3.5', '-3.5', '-3.5', '0']);
  });

  it('XLSX: such text is a plain string cell, never a formula', async () => {
    const file = join(temp.dir, 'camp.xlsx');
    await writeXlsx([TABLE], file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells = HOSTILE.map((_, i) => workbook.worksheets[0]!.getCell(i + 2, 2));
    expect(cells.map((c) => [c.type, c.value])).toEqual(HOSTILE.map((name) => [ExcelJS.ValueType.String, name]));
    expect(workbook.worksheets[0]!.getCell(2, 3).value).toBe(-3.5);
  });
});
