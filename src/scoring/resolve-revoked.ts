import type { Fact } from './fact.js';

type RevokeFact = Pick<Fact, 'id' | 'type' | 'revokes' | 'at'>;

/**
 * Ids of the events revoked as of `asOf`. A revocation that is itself revoked (an undone `/undo`) has no effect,
 * so the original event counts again.
 * @example resolveRevoked(facts, Date.now()).has(42)
 */
export function resolveRevoked(facts: Iterable<RevokeFact>, asOf: number): Set<number> {
  const targetOf = new Map<number, number>();
  for (const fact of facts) {
    if (fact.type === 'revoke' && fact.at <= asOf && fact.revokes !== null) targetOf.set(fact.id, fact.revokes);
  }
  const revokerIds = [...targetOf.keys()].sort((a, b) => b - a);
  const revoked = new Set<number>();
  // Descending id order: any revocation of a revocation has a larger id and is settled first.
  for (const id of revokerIds) {
    const target = targetOf.get(id);
    if (target !== undefined && !revoked.has(id)) revoked.add(target);
  }
  return revoked;
}
