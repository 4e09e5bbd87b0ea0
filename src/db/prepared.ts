import type Sqlite from 'better-sqlite3';

// Preparing costs more than running a small indexed query, so hot paths keep one statement per SQL text and handle.
const cache = new WeakMap<Sqlite.Database, Map<string, Sqlite.Statement<unknown[]>>>();

type StatementOf<P, R> = P extends unknown[] ? Sqlite.Statement<P, R> : Sqlite.Statement<[P], R>;

/**
 * The statement for `sql` on this handle, prepared once and reused. Shared by every caller of the same SQL text, so
 * never switch its modes (`pluck`, `raw`, `expand`) and never run it again while iterating it.
 * @example prepared<[string], { name: string }>(sqlite, 'SELECT name FROM people WHERE userid = ?').get('zhangsan')
 */
export function prepared<P extends unknown[] | {} = unknown[], R = unknown>(sqlite: Sqlite.Database, sql: string): StatementOf<P, R> {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
  return statement as unknown as StatementOf<P, R>;
}
