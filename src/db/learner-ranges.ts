import type { Executor } from './engine/executor.js';

/** A slice of the userid space: an SQL condition on `userid` and the parameters it binds. */
export interface UseridRange {
  filter: string;
  params: { lo?: string; hi?: string };
}

/** The whole userid space. */
export const EVERYONE: UseridRange = { filter: '', params: {} };

/**
 * Slices of the userid space holding about `size` of the camp's learners each, together covering every userid
 * (enrolled or not). Reading a 100,000-learner camp slice by slice keeps each result small enough to be collected
 * young, which holds the peak memory of a standings run down.
 */
export async function learnerRanges(ex: Executor, campId: string, size: number): Promise<UseridRange[]> {
  const bounds: string[] = [];
  const next = (after: string) => ex.get<{ userid: string }>(
    `SELECT userid FROM members WHERE camp_id = ? AND role = 'learner' AND userid >= ? ORDER BY userid LIMIT 1 OFFSET ?`,
    [campId, after, size],
  );
  for (let bound = await next(''); bound !== undefined; bound = await next(bound.userid)) bounds.push(bound.userid);
  if (bounds.length === 0) return [EVERYONE];
  return [undefined, ...bounds].map((lo, i) => {
    const hi = bounds[i];
    const filter = [lo === undefined ? '' : 'AND userid >= @lo', hi === undefined ? '' : 'AND userid < @hi'].join(' ');
    return { filter, params: { ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }) } };
  });
}
