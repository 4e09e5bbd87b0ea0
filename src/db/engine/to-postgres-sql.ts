import type { Params } from './executor.js';

/** A statement in PostgreSQL's `$n` form and how to pick its values from the caller's params. */
interface Translated {
  text: string;
  /** For `@name` statements, the name behind each `$n`; null for `?` statements (values in order). */
  names: string[] | null;
}

const cache = new Map<string, Translated>();
const MAX_CACHED = 2_000;

/**
 * Rewrites `?` or `@name` placeholders as `$1…$n`, leaving quoted strings, quoted identifiers and comments alone. A
 * name used twice is one parameter. Results are cached per text.
 */
function translate(sql: string): Translated {
  const names: string[] = [];
  let positional = 0;
  let text = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      text += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      positional += 1;
      text += `$${positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      text += `$${index + 1}`;
      i += name.length;
    } else {
      text += c;
    }
  }
  return { text, names: names.length > 0 ? names : null };
}

/**
 * The PostgreSQL text and values for a statement written with `?` or `@name` placeholders.
 * @example toPostgresSql('SELECT * FROM events WHERE camp_id = @campId', { campId: 'c1' }) // { text: '… = $1', values: ['c1'] }
 */
export function toPostgresSql(sql: string, params: Params | undefined): { text: string; values: unknown[] } {
  let translated = cache.get(sql);
  if (!translated) {
    translated = translate(sql);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(sql, translated);
  }
  if (params === undefined) return { text: translated.text, values: [] };
  if (Array.isArray(params)) return { text: translated.text, values: params as unknown[] };
  const named = params as Readonly<Record<string, unknown>>;
  return { text: translated.text, values: (translated.names ?? []).map((name) => named[name] ?? null) };
}
