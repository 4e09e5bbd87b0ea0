import type { CampConfig } from '../camp/camp-config.js';
import type { Fact } from './fact.js';
import { resolveRevoked } from './resolve-revoked.js';
import { createScoreAccumulator } from './score-accumulator.js';
import type { Learner, Standings } from './standings.js';

export interface ComputeStandingsInput {
  config: CampConfig;
  learners: readonly Learner[];
  facts: readonly Fact[];
  /** Only facts that happened at or before this instant (ms) count. */
  asOf: number;
}

/**
 * The composite table as of `asOf` from the camp's facts (SPEC §6), revocations applied.
 * @example computeStandings({ config, learners, facts, asOf: Date.now() }).rows[0].rank // 1
 */
export function computeStandings({ config, learners, facts, asOf }: ComputeStandingsInput): Standings {
  const accumulator = createScoreAccumulator({ config, learners, asOf, revoked: resolveRevoked(facts, asOf) });
  for (const fact of facts) accumulator.add(fact);
  return accumulator.finish();
}
