import type { Fact } from '../scoring/fact.js';
import { resolveRevoked } from '../scoring/resolve-revoked.js';

/** Facts that happened by `asOf` and still count: no revocations, nothing revoked. */
export function liveFacts(facts: readonly Fact[], asOf: number): Fact[] {
  const revoked = resolveRevoked(facts, asOf);
  return facts.filter((f) => f.at <= asOf && f.type !== 'revoke' && !revoked.has(f.id));
}
