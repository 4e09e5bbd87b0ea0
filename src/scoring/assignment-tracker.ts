import { assignmentScore, type AssignmentRules } from './assignment-score.js';
import { isLater, LatestValues } from './latest-of.js';

/** Peer reviews as parallel arrays (compact while streaming); resolved to the latest per reviewer at the end. */
interface ReviewLog {
  author: number[];
  reviewer: string[];
  score: number[];
  at: number[];
  id: number[];
}

interface AssignmentState {
  grades: LatestValues;
  submitted: Uint8Array;
  graded: boolean;
  reviews: ReviewLog;
  /** author → the latest score of each distinct reviewer; built once by `peersOf`. */
  peers?: Map<number, number[]>;
}

export interface AssignmentScores {
  /** Mean over graded assignments, per learner. */
  overall: Float64Array;
  byTag: Map<string, Float64Array>;
  gradedCount: number;
  ungraded: { assignment: string; learner: number }[];
}

/** Assignments, submissions, trainer grades and peer reviews (SPEC §6 assignment). */
export class AssignmentTracker {
  private readonly states = new Map<string, AssignmentState>();
  private readonly created = new Map<string, { tag: string | null; at: number; id: number }>();

  constructor(private readonly size: number, private readonly rules: AssignmentRules) {}

  create(assignment: string | null, tag: string | null, at: number, id: number): void {
    if (assignment === null) return;
    const current = this.created.get(assignment);
    if (current && !isLater(at, id, current.at, current.id)) return;
    this.created.set(assignment, { tag: tag?.trim() || null, at, id });
  }

  submit(learner: number, assignment: string | null): void {
    if (assignment !== null) this.state(assignment).submitted[learner] = 1;
  }

  grade(learner: number, assignment: string | null, score: number | null, at: number, id: number): void {
    if (assignment === null || score === null || !Number.isFinite(score)) return;
    const state = this.state(assignment);
    state.graded = true;
    state.grades.offer(learner, score, at, id);
  }

  /** A peer review of `learner`'s work; callers drop self-reviews. */
  review(learner: number, assignment: string | null, reviewer: string, score: number | null, at: number, id: number): void {
    if (assignment === null || score === null || !Number.isFinite(score)) return;
    const state = this.state(assignment);
    state.peers = undefined;
    const log = state.reviews;
    log.author.push(learner);
    log.reviewer.push(reviewer);
    log.score.push(score);
    log.at.push(at);
    log.id.push(id);
  }

  /** Tags of created assignments, sorted. */
  tags(): string[] {
    const tags = new Set<string>();
    for (const { tag } of this.created.values()) if (tag) tags.add(tag);
    return [...tags].sort();
  }

  scores(tags: readonly string[]): AssignmentScores {
    const graded = [...this.states.entries()].filter(([, state]) => state.graded);
    // Each graded assignment's scores once, shared by the overall mean and the means over tags.
    const scored = new Map(graded.map(([name, state]) => [name, this.scoresOf(state)]));
    const overall = this.meanOver([...scored.values()]);
    const byTag = new Map<string, Float64Array>();
    for (const tag of tags) {
      byTag.set(tag, this.meanOver(graded.filter(([name]) => this.created.get(name)?.tag === tag).map(([name]) => scored.get(name)!)));
    }
    return { overall, byTag, gradedCount: graded.length, ungraded: this.ungraded() };
  }

  /** Sums the learners' scores in the given order of assignments, then divides: the same arithmetic as ever. */
  private meanOver(scores: Float64Array[]): Float64Array {
    const means = new Float64Array(this.size);
    if (scores.length === 0) return means;
    for (const score of scores) {
      for (let i = 0; i < this.size; i++) means[i] = (means[i] ?? 0) + (score[i] ?? 0);
    }
    for (let i = 0; i < this.size; i++) means[i] = (means[i] ?? 0) / scores.length;
    return means;
  }

  private scoresOf(state: AssignmentState): Float64Array {
    const scores = new Float64Array(this.size);
    const peers = peersOf(state);
    for (let i = 0; i < this.size; i++) scores[i] = this.scoreOf(state, peers, i);
    return scores;
  }

  private scoreOf(state: AssignmentState, peers: Map<number, number[]>, learner: number): number {
    if (state.submitted[learner] !== 1) return 0;
    const grade = state.grades.value[learner] ?? Number.NaN;
    if (Number.isNaN(grade)) return 0;
    return assignmentScore(this.rules, grade, peers.get(learner));
  }

  private ungraded(): { assignment: string; learner: number }[] {
    const list: { assignment: string; learner: number }[] = [];
    for (const [assignment, state] of [...this.states.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (let i = 0; i < this.size; i++) {
        if (state.submitted[i] === 1 && Number.isNaN(state.grades.value[i] ?? Number.NaN)) list.push({ assignment, learner: i });
      }
    }
    return list;
  }

  private state(assignment: string): AssignmentState {
    let state = this.states.get(assignment);
    if (!state) {
      state = { grades: new LatestValues(this.size), submitted: new Uint8Array(this.size), graded: false, reviews: { author: [], reviewer: [], score: [], at: [], id: [] } };
      this.states.set(assignment, state);
    }
    return state;
  }
}

function peersOf(state: AssignmentState): Map<number, number[]> {
  if (state.peers) return state.peers;
  const { author, reviewer, score, at, id } = state.reviews;
  const latest = new Map<string, number>();
  for (let k = 0; k < author.length; k++) {
    const key = `${author[k]}\u0000${reviewer[k]}`;
    const current = latest.get(key);
    if (current === undefined || isLater(at[k] ?? 0, id[k] ?? 0, at[current] ?? 0, id[current] ?? 0)) latest.set(key, k);
  }
  const peers = new Map<number, number[]>();
  for (const k of latest.values()) {
    const learner = author[k] ?? -1;
    const scores = peers.get(learner);
    if (scores) scores.push(score[k] ?? 0);
    else peers.set(learner, [score[k] ?? 0]);
  }
  state.peers = peers;
  return peers;
}
