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

/** Header cells as column names: trimmed and lower-cased. */
export function columnNames(cells: readonly string[]): string[] {
  return cells.map((name) => name.trim().toLowerCase());
}

/** A record keyed by the header's column names (values trimmed), with the count of extra non-empty cells. */
export function tableRow(line: number, header: readonly string[], record: readonly string[]): TableRow {
  const values: Record<string, string> = Object.create(null);
  header.forEach((name, i) => {
    values[name] = (record[i] ?? '').trim();
  });
  return { line, values, extra: extraCells(record, header.length) };
}

/** How many cells past the header's `width` hold something. */
export function extraCells(record: readonly string[], width: number): number {
  let extra = 0;
  for (let i = width; i < record.length; i += 1) if (record[i]!.trim() !== '') extra += 1;
  return extra;
}
