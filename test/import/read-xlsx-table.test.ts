import { statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readXlsxTable, XLSX_LIMITS } from '../../src/import/read-xlsx-table.js';
import { tempDbFile } from '../support/temp-db-file.js';

describe('readXlsxTable', () => {
  let temp: ReturnType<typeof tempDbFile>;
  let file: string;
  beforeEach(async () => {
    temp = tempDbFile();
    file = join(temp.dir, 'roster.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['UserID', 'name', 'joined']);
    for (let i = 1; i <= 5; i += 1) sheet.addRow([`u${i}`, `学员${i}`, new Date(Date.UTC(2024, 2, i))]);
    await workbook.xlsx.writeFile(file);
  });
  afterEach(() => temp.cleanup());

  it('reads the first sheet row by row, dates as YYYY-MM-DD', async () => {
    const table = await readXlsxTable(file);
    expect(table.header).toEqual(['userid', 'name', 'joined']);
    expect(table.rows.map((r) => [r.line, r.values.userid, r.values.joined])).toEqual([
      [2, 'u1', '2024-03-01'], [3, 'u2', '2024-03-02'], [4, 'u3', '2024-03-03'], [5, 'u4', '2024-03-04'], [6, 'u5', '2024-03-05'],
    ]);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const size = statSync(file).size;
    await expect(readXlsxTable(file, { bytes: size - 1, rows: XLSX_LIMITS.rows }))
      .rejects.toThrow(`XLSX 文件过大（${(size / 1048576).toFixed(2)} MB，上限 ${((size - 1) / 1048576).toFixed(2)} MB）：请拆分，或另存为 CSV 后导入`);
  });

  it('by default refuses a file over 20 MB before reading it, and a sheet over 1,000,000 rows', async () => {
    const big = join(temp.dir, 'big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 20 * 1024 * 1024 + 1); // sparse: nothing to unpack, only its size counts
    await expect(readXlsxTable(big)).rejects.toThrow('XLSX 文件过大（20.00 MB，上限 20.00 MB）');
    expect(XLSX_LIMITS.rows).toBe(1_000_000);
  });

  it('refuses a sheet as soon as it passes the row limit', async () => {
    await expect(readXlsxTable(file, { bytes: XLSX_LIMITS.bytes, rows: 4 }))
      .rejects.toThrow('XLSX 工作表超过 4 行数据（第 6 行）：请拆分后导入');
  });

  it('refuses a file that is not a workbook in one line', async () => {
    const csv = join(temp.dir, 'renamed.xlsx');
    writeFileSync(csv, 'userid,name\nu1,张三\n');
    await expect(readXlsxTable(csv)).rejects.toThrow('无法读取 XLSX 文件');
    await expect(readXlsxTable(join(temp.dir, 'missing.xlsx'))).rejects.toThrow('无法读取文件');
  });
});
