/**
 * Big result sets read as one row of JSON arrays, one array per column, built by SQLite and parsed by `JSON.parse`:
 * at 100,000 rows that costs about half of the driver handing over one array per row, and a worker thread can pass
 * the strings on almost for free.
 */

/** Calls `visit` once per result row; the array passed is reused between rows, so read it, never keep it. */
export type RowSource = (visit: (row: unknown[]) => void) => void;

/**
 * A column that may hold a non-integral REAL, which JSON would print with only 15 significant digits: integral values
 * become integers, others a one-element array of their 17-digit text, which reads back as exactly the same double.
 * Text and NULL pass through as they are.
 */
export function exact(column: string): string {
  return `CASE WHEN typeof(${column}) <> 'real' THEN ${column} WHEN ${column} = CAST(${column} AS INTEGER)
    THEN CAST(${column} AS INTEGER) ELSE json_array(printf('%!.17g', ${column})) END`;
}

/**
 * The statement returning `select`'s rows as one row of JSON arrays; `columns` are expressions over its result
 * columns (wrap REAL ones in `exact`). Rows keep the order `select` gives them.
 * @example bulkSelect('SELECT userid, num FROM events', ['userid', exact('num')])
 */
export function bulkSelect(select: string, columns: readonly string[]): string {
  return `SELECT ${columns.map((column) => `json_group_array(${column})`).join(', ')} FROM (${select})`;
}

/** The rows of a `bulkSelect` result (its single row of JSON texts). */
export function bulkRows(result: readonly unknown[][]): RowSource {
  const columns = (result[0] ?? []).map((json) => JSON.parse(json as string) as unknown[]);
  return (visit) => {
    const width = columns.length;
    const count = columns[0]?.length ?? 0;
    const row: unknown[] = new Array(width);
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < width; c++) {
        const value = columns[c]![i];
        row[c] = Array.isArray(value) ? Number(value[0]) : value;
      }
      visit(row);
    }
  };
}
