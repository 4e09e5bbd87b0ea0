import type { Dialect, Executor, Params } from './engine/executor.js';

/**
 * Big result sets. On SQLite they are read as one row of JSON arrays, one array per column, built by SQLite and
 * parsed by `JSON.parse`: at 100,000 rows that costs about half of the driver handing over one array per row, and a
 * worker thread can pass the strings on almost for free. PostgreSQL's driver hands over arrays of columns directly.
 */

/** Calls `visit` once per result row; the array passed may be reused between rows, so read it, never keep it. */
export type RowSource = (visit: (row: unknown[]) => void) => void;

/**
 * A column that may hold a non-integral REAL, which SQLite's JSON would print with only 15 significant digits:
 * integral values become integers, others a one-element array of their 17-digit text, which reads back as exactly
 * the same double. Text and NULL pass through as they are.
 */
function exact(column: string): string {
  return `CASE WHEN typeof(${column}) <> 'real' THEN ${column} WHEN ${column} = CAST(${column} AS INTEGER)
    THEN CAST(${column} AS INTEGER) ELSE json_array(printf('%!.17g', ${column})) END`;
}

/**
 * The statement that reads `select`'s rows in bulk. `columns` name `select`'s result columns in order (the ones the
 * caller reads); `real` those of them that may hold fractions. Rows keep the order `select` gives them.
 * @example bulkSelect('sqlite', 'SELECT userid, num FROM events', ['userid', 'num'], ['num'])
 */
export function bulkSelect(dialect: Dialect, select: string, columns: readonly string[], real: readonly string[] = []): string {
  if (dialect === 'postgres') return select;
  const read = columns.map((column) => (real.includes(column) ? exact(column) : column));
  return `SELECT ${read.map((column) => `json_group_array(${column})`).join(', ')} FROM (${select})`;
}

/** The rows of a `bulkSelect` result as the engine returned it (`Executor.rows`). */
export function bulkRows(dialect: Dialect, result: readonly unknown[][]): RowSource {
  if (dialect === 'postgres') return (visit) => result.forEach((row) => visit(row as unknown[]));
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

/**
 * Runs a bulk read now.
 * @example (await readBulk(ex, 'SELECT userid, name FROM people', ['userid', 'name']))((row) => …)
 */
export async function readBulk(
  ex: Executor, select: string, columns: readonly string[], params?: Params, real: readonly string[] = [],
): Promise<RowSource> {
  return bulkRows(ex.dialect, await ex.rows(bulkSelect(ex.dialect, select, columns, real), params));
}
