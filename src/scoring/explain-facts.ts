import type { CampConfig } from '../camp/camp-config.js';
import type { Fact } from './fact.js';
import { isLater } from './latest-of.js';
import { LessonTracker } from './lesson-tracker.js';

/** One fact behind a metric and whether it counts; `note` says why not (or how it counts). */
export interface ExplainedFact {
  id: number;
  type: Fact['type'];
  value: number | string | null;
  at: number;
  ref: string | null;
  actor: string;
  counted: boolean;
  note: string | null;
}

/** Camp-wide context the learner's facts are judged against. */
export interface ExplainContext {
  config: CampConfig;
  closedSessions: ReadonlySet<string>;
  gradedAssignments: ReadonlySet<string>;
}

export function explained(fact: Fact, counted: boolean, note: string | null = null): ExplainedFact {
  const value = fact.num ?? fact.text;
  return { id: fact.id, type: fact.type, value, at: fact.at, ref: fact.ref, actor: fact.actor, counted, note };
}

/** The latest fact of each group, by (time, id). */
function latestByGroup(facts: readonly Fact[], groupOf: (fact: Fact) => string): Map<string, Fact> {
  const latest = new Map<string, Fact>();
  for (const fact of facts) {
    const key = groupOf(fact);
    const current = latest.get(key);
    if (!current || isLater(fact.at, fact.id, current.at, current.id)) latest.set(key, fact);
  }
  return latest;
}

/** Keeps only the latest of each group; the rest are marked superseded. */
function keepLatest(facts: readonly Fact[], groupOf: (fact: Fact) => string, what: string): ExplainedFact[] {
  const latest = latestByGroup(facts, groupOf);
  return facts.map((fact) => {
    const winner = latest.get(groupOf(fact));
    return winner === fact ? explained(fact, true) : explained(fact, false, `已被更新的${what} #${winner?.id} 取代`);
  });
}

export function explainLessons(facts: readonly Fact[], context: ExplainContext): ExplainedFact[] {
  const seen = new Set<number>();
  const lessons = context.config.lessons;
  return [...facts].sort(byTime).map((fact) => {
    if (!LessonTracker.counts(fact.num, lessons)) return explained(fact, false, `课次不在 1–${lessons} 之内`);
    if (seen.has(fact.num)) return explained(fact, false, '同一课已记录过');
    seen.add(fact.num);
    return explained(fact, true);
  });
}

export function explainCheckins(facts: readonly Fact[], context: ExplainContext): ExplainedFact[] {
  const seen = new Set<string>();
  return [...facts].sort(byTime).map((fact) => {
    const session = fact.ref ?? '';
    if (!context.closedSessions.has(session)) return explained(fact, false, '该课次尚未结束');
    if (seen.has(session)) return explained(fact, false, '重复签到');
    seen.add(session);
    return explained(fact, true);
  });
}

export function explainExams(facts: readonly Fact[]): ExplainedFact[] {
  return keepLatest(facts.filter((fact) => fact.num !== null), (fact) => fact.ref ?? 'final', '成绩');
}

export function explainPoints(facts: readonly Fact[]): ExplainedFact[] {
  return facts.map((fact) => (fact.num === null ? explained(fact, false, '没有分值') : explained(fact, true)));
}

/** Submissions, trainer grades and peer reviews of the learner's own work. */
export function explainAssignments(facts: readonly Fact[], userid: string, context: ExplainContext): ExplainedFact[] {
  const submitted = new Set(facts.filter((fact) => fact.type === 'submission').map((fact) => fact.ref ?? ''));
  const out: ExplainedFact[] = [];
  for (const fact of facts.filter((f) => f.type === 'submission')) {
    const graded = context.gradedAssignments.has(fact.ref ?? '');
    out.push(graded ? explained(fact, true) : explained(fact, false, '该作业还没有老师批改，暂不计入'));
  }
  const grades = facts.filter((fact) => fact.type === 'grade' && fact.num !== null);
  for (const grade of keepLatest(grades, (fact) => fact.ref ?? '', '评分')) {
    out.push(grade.counted && !submitted.has(grade.ref ?? '') ? { ...grade, counted: false, note: '未提交作业，评分不计' } : grade);
  }
  out.push(...explainReviews(facts.filter((fact) => fact.type === 'review'), userid, context));
  return out;
}

function explainReviews(reviews: readonly Fact[], userid: string, context: ExplainContext): ExplainedFact[] {
  const { minPeerReviews } = context.config.metrics.assignment;
  const peers = reviews.filter((fact) => fact.actor !== userid && fact.num !== null);
  const kept = keepLatest(peers, (fact) => `${fact.ref ?? ''}\u0000${fact.actor}`, '互评');
  const perAssignment = new Map<string, number>();
  for (const review of kept) if (review.counted) perAssignment.set(review.ref ?? '', (perAssignment.get(review.ref ?? '') ?? 0) + 1);
  const out = kept.map((review) => {
    const count = perAssignment.get(review.ref ?? '') ?? 0;
    if (!review.counted || count >= Math.max(1, minPeerReviews)) return review;
    return { ...review, counted: false, note: `互评只有 ${count} 份，少于 ${minPeerReviews} 份，仅按老师评分计` };
  });
  for (const fact of reviews) {
    if (fact.actor === userid) out.push(explained(fact, false, '自评不计入'));
  }
  return out;
}

export function byTime(a: { at: number; id: number }, b: { at: number; id: number }): number {
  return a.at - b.at || a.id - b.id;
}
