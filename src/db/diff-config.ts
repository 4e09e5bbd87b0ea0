/** One changed setting: its key path and the values before and after (undefined when absent). */
export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The leaf settings that differ between two JSON-safe values, by key path (`metrics.exam.weight`). Arrays are
 * compared whole (`trainers`, `awards`), since their items have no stable key path.
 * @example diffConfig({ a: { b: 1 } }, { a: { b: 2 } }) // [{ path: 'a.b', before: 1, after: 2 }]
 */
export function diffConfig(before: unknown, after: unknown, path = ''): ConfigChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffConfig(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
