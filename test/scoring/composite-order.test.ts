import { describe, expect, it } from 'vitest';
import { compositeOrder } from '../../src/scoring/composite-order.js';

const learners = (ids: string[]) => ids.map((userid) => ({ userid, name: userid, team: null }));

describe('compositeOrder', () => {
  it('orders by composite, highest first, then by userid, whatever order the roster is in', () => {
    // Composites by learner index: b 50, a 70.5, c 70.5, d 0, e 100.
    const order = compositeOrder(Float64Array.from([50, 70.5, 70.5, 0, 100]), learners(['b', 'a', 'c', 'd', 'e']));
    expect([...order]).toEqual([4, 1, 2, 0, 3]);
  });

  it('uses code-unit userid order for ties (a surrogate pair before U+FF41)', () => {
    const order = compositeOrder(Float64Array.from([10, 10, 10]), learners(['u\uFF41', 'u\u{1F600}', 'U']));
    expect([...order]).toEqual([2, 1, 0]);
  });

  it('gives the same order for composites outside 0..100', () => {
    const order = compositeOrder(Float64Array.from([150, -1, 150, 20.25]), learners(['b', 'a', 'a2', 'c']));
    expect([...order]).toEqual([2, 0, 3, 1]);
  });
});
