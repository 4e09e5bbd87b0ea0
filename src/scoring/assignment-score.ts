import { median } from './median.js';

export interface AssignmentRules {
  trainerShare: number;
  minPeerReviews: number;
}

/**
 * One submitted assignment's score (SPEC §6): the trainer grade, blended with the median of the distinct peers'
 * latest reviews once there are `minPeerReviews` of them (a minimum of 0 still needs one review to take a median of).
 * @example assignmentScore({ trainerShare: 0.7, minPeerReviews: 2 }, 90, [80, 60]) // 0.7·90 + 0.3·70 = 84
 */
export function assignmentScore(rules: AssignmentRules, grade: number, peers: readonly number[] | undefined): number {
  if (!peers || peers.length < Math.max(1, rules.minPeerReviews)) return grade;
  return rules.trainerShare * grade + (1 - rules.trainerShare) * median(peers);
}
