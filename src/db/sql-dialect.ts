import type { Dialect } from './engine/executor.js';

/**
 * `column` is one of the values of the JSON array bound to `@param` (ids are bound as JSON text so one statement fits
 * any number of them, on either engine).
 * @example inJsonArray('sqlite', 'id', 'revoked', 'bigint') // "id IN (SELECT value FROM json_each(@revoked))"
 */
export function inJsonArray(dialect: Dialect, column: string, param: string, type: 'text' | 'bigint' = 'text'): string {
  if (dialect === 'sqlite') return `${column} IN (SELECT value FROM json_each(@${param}))`;
  return `${column} IN (SELECT jsonb_array_elements_text(CAST(@${param} AS jsonb))${type === 'bigint' ? '::bigint' : ''})`;
}

/**
 * A column that SQLite's planner must not use an index for (`+column`), where scanning rowids in order is faster
 * than the index plus a sort; PostgreSQL plans by statistics and needs no hint.
 */
export function noIndex(dialect: Dialect, column: string): string {
  return dialect === 'sqlite' ? `+${column}` : column;
}

/** `FOR UPDATE` where rows can be locked (PostgreSQL); SQLite's write transaction already excludes other writers. */
export function forUpdate(dialect: Dialect, skipLocked = false): string {
  if (dialect === 'sqlite') return '';
  return skipLocked ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE';
}
