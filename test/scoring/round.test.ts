import { describe, expect, it } from 'vitest';
import { formatScore, round2 } from '../../src/scoring/round.js';

describe('round2', () => {
  it.each([
    [82.125, 82.13],
    [-82.125, -82.13],
    [1.005, 1.01],
    [-1.005, -1.01],
    [2.675, 2.68],
    [0.125, 0.13],
    [82.124, 82.12],
    [100 / 3, 33.33],
    [200 / 3, 66.67],
    [0.1 + 0.2, 0.3],
    [7677.083333 / 100, 76.77],
    [100, 100],
    [0, 0],
  ])('rounds %d to %d', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
});

describe('formatScore', () => {
  it('shows two decimals', () => {
    expect(formatScore(82.125)).toBe('82.13');
    expect(formatScore(47)).toBe('47.00');
    expect(formatScore(33.3)).toBe('33.30');
    expect(formatScore(-1.005)).toBe('-1.01');
  });
});
