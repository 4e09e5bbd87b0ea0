import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Table } from './export-tables.js';

/** `out.csv` → `out-awards.csv`. */
export function siblingFile(file: string, suffix: string): string {
  const dot = file.toLowerCase().endsWith('.csv') ? file.length - 4 : file.length;
  return `${file.slice(0, dot)}-${suffix}.csv`;
}

const SUFFIXES: Record<string, string> = { 奖项: 'awards', 领奖: 'prizes' };

/**
 * Writes the first table (standings) to `file` and every other one beside it (`<name>-awards.csv`,
 * `<name>-prizes.csv`), UTF-8 with a BOM so Excel shows the Chinese headers. Text that Excel would run as a formula
 * (`=…`, `+…`, `-…`, `@…`) gets a leading `'`; numbers stay numbers. Returns the files written.
 */
export function writeCsv(tables: readonly Table[], file: string): string[] {
  return tables.map((table, i) => {
    const target = i === 0 ? file : siblingFile(file, SUFFIXES[table.name] ?? String(i));
    writeFileSync(target, '\uFEFF' + stringify([table.header, ...table.rows.map((r) => r.map((c) => c ?? ''))], { escape_formulas: true }));
    return target;
  });
}
