import type { Fact } from '../scoring/fact.js';
import { liveFacts } from './live-facts.js';

/** Graded assignments of the camp and who submitted which, as of a time. */
export interface AssignmentProgress {
  graded: Set<string>;
  submittedBy: Map<string, Set<string>>;
}

// The same facts serve every learner of a daily nudge batch: summarize them once per (facts, asOf).
const cache = new WeakMap<readonly Fact[], Map<number, AssignmentProgress>>();

/** Which assignments have a trainer grade and which each learner submitted, revocations applied. */
export function assignmentProgress(facts: readonly Fact[], asOf: number): AssignmentProgress {
  let byTime = cache.get(facts);
  if (!byTime) cache.set(facts, (byTime = new Map()));
  const found = byTime.get(asOf);
  if (found) return found;
  const progress: AssignmentProgress = { graded: new Set(), submittedBy: new Map() };
  for (const f of liveFacts(facts, asOf)) {
    if (f.type === 'grade' && f.ref) progress.graded.add(f.ref);
    if (f.type === 'submission' && f.ref && f.userid) {
      const mine = progress.submittedBy.get(f.userid) ?? new Set<string>();
      mine.add(f.ref);
      progress.submittedBy.set(f.userid, mine);
    }
  }
  byTime.set(asOf, progress);
  return progress;
}

/** Graded assignments the learner has not submitted. */
export function missingSubmissions(progress: AssignmentProgress, userid: string): number {
  const mine = progress.submittedBy.get(userid);
  return [...progress.graded].filter((ref) => !mine?.has(ref)).length;
}
