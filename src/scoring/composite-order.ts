import { compareIds } from './competition-rank.js';
import type { Learner } from './standings.js';

/** Learner indices in userid order (`compareIds`); the roster usually comes sorted already. */
function idRanks(learners: readonly Learner[]): Int32Array {
  const size = learners.length;
  const ranks = new Int32Array(size);
  let sorted = true;
  for (let i = 1; i < size && sorted; i++) sorted = compareIds(learners[i - 1]!.userid, learners[i]!.userid) < 0;
  if (sorted) {
    for (let i = 0; i < size; i++) ranks[i] = i;
    return ranks;
  }
  const byId = Array.from({ length: size }, (_, i) => i).sort((a, b) => compareIds(learners[a]!.userid, learners[b]!.userid));
  byId.forEach((learner, rank) => (ranks[learner] = rank));
  return ranks;
}

/**
 * Learner indices by composite, highest first, then by userid. Composites are rounded to cents in [0, 100], so each
 * learner's place fits one exactly representable number, (10000 − cents) · n + userid rank, and a native numeric
 * sort replaces 1.7 million comparator calls at 100,000 learners.
 */
export function compositeOrder(composite: Float64Array, learners: readonly Learner[]): Int32Array {
  const size = learners.length;
  const idRank = idRanks(learners);
  const keys = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const cents = Math.round((composite[i] ?? 0) * 100);
    if (!(cents >= 0 && cents <= 10_000)) return compareOrder(composite, idRank);
    keys[i] = (10_000 - cents) * size + (idRank[i] ?? 0);
  }
  keys.sort();
  const byIdRank = new Int32Array(size);
  for (let i = 0; i < size; i++) byIdRank[idRank[i] ?? 0] = i;
  const order = new Int32Array(size);
  for (let k = 0; k < size; k++) order[k] = byIdRank[(keys[k] ?? 0) % size] ?? 0;
  return order;
}

/** The same order by comparison, for composites outside [0, 100] (which the composite formula never gives). */
function compareOrder(composite: Float64Array, idRank: Int32Array): Int32Array {
  const order = Int32Array.from({ length: composite.length }, (_, i) => i);
  return order.sort((a, b) => (composite[b] ?? 0) - (composite[a] ?? 0) || (idRank[a] ?? 0) - (idRank[b] ?? 0));
}
