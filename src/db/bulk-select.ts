import type { Dialect, Executor, Params } from './engine/executor.js';

/**
 * Big result sets, read as one row of JSON arrays, one array per column, built by the database and parsed by
 * `JSON.parse`. On SQLite at 100,000 rows that costs about half of the driver handing over one array per row, and a
 * worker thread can pass the strings on almost for free. On PostgreSQL (`json_agg`, which `pg` parses) it moves the
 * work of building rows from this thread to the server: the driver decoding a message per row and then each value
 * was about half of this thread's CPU in a 100,000-learner standings run, and its garbage ~60 MB of the peak RSS.
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
  // PostgreSQL prints a double in JSON with as many digits as it takes to read back the same double.
  if (dialect === 'postgres') return `SELECT ${columns.map((column) => `json_agg(${column})`).join(', ')} FROM (${select}) AS bulk`;
  const read = columns.map((column) => (real.includes(column) ? exact(column) : column));
  return `SELECT ${read.map((column) => `json_group_array(${column})`).join(', ')} FROM (${select})`;
}

/** The rows of a `bulkSelect` result as the engine returned it (`Executor.rows`). */
export function bulkRows(dialect: Dialect, result: readonly unknown[][]): RowSource {
  // `pg` parses json itself; `json_agg` of no rows is NULL.
  const columns = (result[0] ?? []).map((json) => (dialect === 'postgres' ? (json as unknown[] | null) ?? [] : JSON.parse(json as string) as unknown[]));
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
