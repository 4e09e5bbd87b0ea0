/** Items grouped by key, in first-seen order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const collator = new Intl.Collator('zh-CN');

/** Group names in Chinese reading order (pinyin), e.g. 市场 before 研发. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The group of learners with no team or no department. */
export const NO_TEAM = '未分组';
export const NO_DEPARTMENT = '未填部门';

/** Group names in reading order, with 未分组/未填部门 last. */
export function placeholdersLast(a: string, b: string): number {
  const placeholder = (name: string): number => (name === NO_TEAM || name === NO_DEPARTMENT ? 1 : 0);
  return placeholder(a) - placeholder(b) || compareNames(a, b);
}
