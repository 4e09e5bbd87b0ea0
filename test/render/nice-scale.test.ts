import { describe, expect, it } from 'vitest';
import { formatTick, niceScale } from '../../src/render/nice-scale.js';

describe('niceScale', () => {
  it('rounds 0..87.3 up to 0..100 in steps of 20', () => {
    expect(niceScale(0, 87.3)).toEqual({ min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it('uses 2.5 steps where they fit best: 0..11 → step 2.5 up to 12.5', () => {
    expect(niceScale(0, 11)).toEqual({ min: 0, max: 12.5, step: 2.5, ticks: [0, 2.5, 5, 7.5, 10, 12.5] });
  });

  it('covers negative values: -3..7 → -4..8 in steps of 2', () => {
    expect(niceScale(-3, 7)).toEqual({ min: -4, max: 8, step: 2, ticks: [-4, -2, 0, 2, 4, 6, 8] });
  });

  it('handles small decimals without float noise: 0..0.43 → 0..0.5 step 0.1', () => {
    expect(niceScale(0, 0.43).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('gives a usable axis when every value is zero', () => {
    const scale = niceScale(0, 0);
    expect(scale.min).toBe(0);
    expect(scale.max).toBeGreaterThan(0);
  });
});

describe('formatTick', () => {
  it('prints whole numbers plainly and others with 2 decimals', () => {
    expect(formatTick(40)).toBe('40');
    expect(formatTick(2.5)).toBe('2.50');
  });
});
