import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestCounter } from '../../src/import/digest-counter.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

describe('DigestCounter', () => {
  it('numbers each digest\'s occurrences from 0, across the table\'s growth', () => {
    const seen = new DigestCounter();
    const first = Array.from({ length: 5000 }, (_, i) => seen.next(digest(`row ${i}`)));
    const again = Array.from({ length: 5000 }, (_, i) => seen.next(digest(`row ${i}`)));
    expect([new Set(first), new Set(again), seen.next(digest('row 7'))]).toEqual([new Set([0]), new Set([1]), 2]);
  });

  it('tells digests apart that share their first word (the slot they start from)', () => {
    const seen = new DigestCounter();
    const a = Buffer.alloc(16, 1);
    const b = Buffer.from(a);
    b[15] = 2;
    expect([seen.next(a), seen.next(b), seen.next(a), seen.next(b)]).toEqual([0, 0, 1, 1]);
  });
});
