import { describe, expect, it } from 'vitest';
import { isRetryDue, retryDelayMs } from '../../src/schedules/slot-retry.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('slot retry', () => {
  it('backs off 1, 2, 5, 10, 30, then 60 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => retryDelayMs(n) / MIN)).toEqual([1, 2, 5, 10, 30, 60, 60, 60]);
  });

  it('retries once the backoff has passed, while the slot is due', () => {
    const run = { job: 'preview' as const, slotAt: 0, failures: 3, failedAt: HOUR };
    expect(isRetryDue(run, HOUR + 5 * MIN - 1)).toBe(false);
    expect(isRetryDue(run, HOUR + 5 * MIN)).toBe(true);
    expect(isRetryDue({ ...run, job: 'leaderboard' }, 24 * HOUR - 1)).toBe(true);
    expect(isRetryDue({ ...run, job: 'leaderboard' }, 24 * HOUR)).toBe(false);
    expect(isRetryDue({ ...run, job: 'publish' }, 30 * 24 * HOUR)).toBe(true);
  });
});
