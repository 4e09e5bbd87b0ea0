/**
 * A deep copy of scoring state: typed arrays, arrays, maps, sets and objects, class instances keeping their class;
 * anything else (numbers, strings, functions) is shared. For state made only of those: no cycles, no shared parts.
 * @example const copy = copyState(tracker); copy.add(0, 3); // tracker is unchanged
 */
export function copyState<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return (value as unknown as Uint8Array).slice() as T;
  if (Array.isArray(value)) return value.map(copyState) as T;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, copyState(item)])) as T;
  if (value instanceof Set) return new Set([...value].map(copyState)) as T;
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) copy[key] = copyState(item);
  return copy as T;
}
