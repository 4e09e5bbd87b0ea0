import type { CampConfig, CountMetricName, MetricName } from '../camp/camp-config.js';
import { AssignmentTracker } from './assignment-tracker.js';
import { AttendanceTracker } from './attendance-tracker.js';
import { buildStandings, clampPercent, type MetricColumn } from './build-standings.js';
import { copyState } from './copy-state.js';
import { effectiveWeights } from './effective-weights.js';
import { ExamTracker } from './exam-tracker.js';
import type { Fact } from './fact.js';
import { isLater } from './latest-of.js';
import { LessonTracker } from './lesson-tracker.js';
import type { Learner, Standings } from './standings.js';
import { tagsOfAwards } from './value-of.js';

export interface ScoreAccumulatorInput {
  config: CampConfig;
  /** Enrolled learners; facts about anyone else are ignored. */
  learners: readonly Learner[];
  asOf: number;
  /** Event ids revoked as of `asOf` (see `resolveRevoked`). */
  revoked: ReadonlySet<number>;
}

/** Streams facts in any order into compact per-learner state; never keeps the facts. */
export interface ScoreAccumulator {
  add(fact: Fact): void;
  finish(): Standings;
  /** An independent copy: facts added to one of them do not reach the other. */
  fork(): ScoreAccumulator;
}

/**
 * Scores facts fed one by one (the database layer streams rows into it). Count metrics just sum, so
 * pre-aggregated facts (one `participation` fact carrying a learner's total) give the same result.
 * @example const acc = createScoreAccumulator({ config, learners, asOf, revoked }); rows.forEach((f) => acc.add(f)); acc.finish();
 */
export function createScoreAccumulator(input: ScoreAccumulatorInput): ScoreAccumulator {
  return new Accumulator(input);
}

class Accumulator implements ScoreAccumulator {
  private readonly config: CampConfig;
  private readonly learners: Learner[];
  private readonly index = new Map<string, number>();
  private readonly lessons: LessonTracker;
  private readonly attendance: AttendanceTracker;
  private readonly exams: ExamTracker;
  private readonly assignments: AssignmentTracker;
  private readonly points: Record<CountMetricName, Float64Array>;
  private readonly pointsSeen = new Set<CountMetricName>();
  private readonly touched: Uint8Array;
  private weights = { json: null as string | null, at: -Infinity, id: -Infinity };
  private readonly asOf: number;
  private lastUserid: string | null = null;
  private lastLearner = -1;
  private cursor = -1;

  constructor(private readonly input: ScoreAccumulatorInput) {
    this.config = input.config;
    this.asOf = input.asOf;
    this.learners = uniqueLearners(input.learners);
    this.learners.forEach((learner, i) => this.index.set(learner.userid, i));
    const size = this.learners.length;
    this.lessons = new LessonTracker(size, this.config.lessons);
    this.attendance = new AttendanceTracker(size);
    this.exams = new ExamTracker(size);
    this.assignments = new AssignmentTracker(size, this.config.metrics.assignment);
    this.points = { project: new Float64Array(size), practice: new Float64Array(size), participation: new Float64Array(size) };
    this.touched = new Uint8Array(size);
  }

  add(fact: Fact): void {
    if (fact.at > this.asOf || this.input.revoked.has(fact.id)) return;
    switch (fact.type) {
      case 'session': return this.attendance.closeSession(fact.ref);
      case 'assignment': return this.assignments.create(fact.ref, fact.text, fact.at, fact.id);
      case 'weights': return this.offerWeights(fact);
      default:
        if (fact.userid === null) return;
    }
    const learner = this.learnerIndex(fact.userid);
    if (learner >= 0) this.addAboutLearner(fact, learner);
  }

  finish(): Standings {
    const tags = [...new Set([...this.assignments.tags(), ...tagsOfAwards(this.config)])].sort();
    const scored = this.assignments.scores(tags);
    const tagColumns = new Map<string, MetricColumn>();
    for (const [tag, raw] of scored.byTag) tagColumns.set(tag, { raw, normalize: asIs, hasData: true });
    return buildStandings({
      config: this.config,
      learners: this.learners,
      asOf: this.input.asOf,
      weights: effectiveWeights(this.config, this.weights.json),
      columns: this.columns(scored.overall, scored.gradedCount),
      tagColumns,
      ungraded: scored.ungraded.map(({ assignment, learner }) => ({ assignment, userid: this.learners[learner]?.userid ?? '' })),
      touched: this.touched,
    });
  }

  fork(): ScoreAccumulator {
    // The config, roster and revocations are shared (never changed); what facts change is copied.
    return Object.assign(Object.create(Accumulator.prototype) as Accumulator, this, {
      lessons: copyState(this.lessons),
      attendance: copyState(this.attendance),
      exams: copyState(this.exams),
      assignments: copyState(this.assignments),
      points: copyState(this.points),
      pointsSeen: new Set(this.pointsSeen),
      touched: this.touched.slice(),
    });
  }

  /**
   * The learner's index, or -1. Facts mostly come grouped by learner and in roster order (both sorted by userid), so
   * the last learner and the one after it are tried before the map.
   */
  private learnerIndex(userid: string): number {
    if (userid === this.lastUserid) return this.lastLearner;
    const next = this.learners[this.cursor + 1];
    const learner = next !== undefined && next.userid === userid ? this.cursor + 1 : (this.index.get(userid) ?? -1);
    this.lastUserid = userid;
    this.lastLearner = learner;
    if (learner >= 0) this.cursor = learner;
    return learner;
  }

  private addAboutLearner(fact: Fact, learner: number): void {
    this.touched[learner] = 1;
    switch (fact.type) {
      case 'lesson': return this.lessons.add(learner, fact.num);
      case 'checkin': return this.attendance.checkIn(learner, fact.ref);
      case 'exam': return this.exams.add(learner, fact.ref, fact.num, fact.at, fact.id);
      case 'submission': return this.assignments.submit(learner, fact.ref);
      case 'grade': return this.assignments.grade(learner, fact.ref, fact.num, fact.at, fact.id);
      case 'review': return this.addReview(fact, learner);
      case 'project':
      case 'practice':
      case 'participation':
        return this.addPoints(fact.type, learner, fact.num);
      default:
        return;
    }
  }

  private addReview(fact: Fact, author: number): void {
    if (fact.actor === fact.userid) return;
    const reviewer = this.index.get(fact.actor);
    if (reviewer !== undefined) this.touched[reviewer] = 1;
    this.assignments.review(author, fact.ref, fact.actor, fact.num, fact.at, fact.id);
  }

  private addPoints(metric: CountMetricName, learner: number, num: number | null): void {
    if (num === null || !Number.isFinite(num)) return;
    const { project, practice, participation } = this.points;
    // Compared rather than `this.points[metric]`: a type string fresh from SQLite is slow as a property key.
    const sums = metric === 'participation' ? participation : metric === 'project' ? project : practice;
    sums[learner] = (sums[learner] ?? 0) + num;
    if (!this.pointsSeen.has(metric)) this.pointsSeen.add(metric);
  }

  private offerWeights(fact: Fact): void {
    if (isLater(fact.at, fact.id, this.weights.at, this.weights.id)) this.weights = { json: fact.text, at: fact.at, id: fact.id };
  }

  private columns(assignmentMeans: Float64Array, gradedCount: number): Record<MetricName, MetricColumn> {
    const { lessons } = this.config;
    const sessions = this.attendance.sessions;
    return {
      completion: { raw: this.lessons.counts, normalize: (r) => (100 * r) / lessons, hasData: this.lessons.hasData },
      attendance: { raw: this.attendance.attended(), normalize: (r) => (sessions > 0 ? (100 * r) / sessions : 0), hasData: sessions > 0 },
      exam: { raw: this.exams.means(), normalize: asIs, hasData: this.exams.count > 0 },
      assignment: { raw: assignmentMeans, normalize: asIs, hasData: gradedCount > 0 },
      project: this.countColumn('project'),
      practice: this.countColumn('practice'),
      participation: this.countColumn('participation'),
    };
  }

  private countColumn(metric: CountMetricName): MetricColumn {
    const target = this.config.metrics[metric].target;
    return { raw: this.points[metric], normalize: (r) => clampPercent(100 * Math.min(r / target, 1)), hasData: this.pointsSeen.has(metric) };
  }
}

function asIs(raw: number): number {
  return raw;
}

function uniqueLearners(learners: readonly Learner[]): Learner[] {
  const seen = new Set<string>();
  return learners.filter((learner) => !seen.has(learner.userid) && Boolean(seen.add(learner.userid)));
}
