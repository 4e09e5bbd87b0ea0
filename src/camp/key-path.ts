import type { z } from 'zod';

/** `['awards', 2, 'top']` → `awards[2].top`; the root is `(root)`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** One `key.path: what is wrong` line per problem, unknown keys named one by one. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(`${keyPath([...path, key])}: unknown key`);
    } else if (valueAt(input, path) === undefined) {
      problems.push(`${keyPath(path)}: required`);
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      problems.push(`${keyPath(path)}: expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`);
    } else {
      problems.push(`${keyPath(path)}: ${issue.message}`);
    }
  }
  return [...new Set(problems)];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
