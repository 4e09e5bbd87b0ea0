import ExcelJS from 'exceljs';
import type { Table } from './export-tables.js';

/**
 * Writes the tables as one workbook, a sheet each: bold frozen header, widths fitted to the content, plain values.
 * @example await writeXlsx(exportTables(input), 'camp.xlsx')
 */
export async function writeXlsx(tables: readonly Table[], file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'camp-bot';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const cells = [table.header[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))];
      column.width = Math.min(40, Math.max(8, ...cells.map(displayWidth)) + 2);
    });
  }
  await workbook.xlsx.writeFile(file);
}

/** CJK characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffff]/u.test(ch) ? 2 : 1;
  return width;
}
