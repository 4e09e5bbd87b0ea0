import { describe, expect, it } from 'vitest';
import { takeRandomBytes } from '../../src/bot/random-pool.js';

describe('takeRandomBytes', () => {
  it('returns the requested length, and never the same bytes twice across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const bytes = takeRandomBytes(16);
      expect(bytes.length).toBe(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('earlier slices are not overwritten by a refill', () => {
    const first = takeRandomBytes(12);
    const copy = Buffer.from(first);
    for (let i = 0; i < 1000; i += 1) takeRandomBytes(16);
    expect(first.equals(copy)).toBe(true);
  });

  it('serves requests larger than the pool directly', () => {
    expect(takeRandomBytes(10_000).length).toBe(10_000);
  });
});
