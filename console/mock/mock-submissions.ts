import type { GradeView, ReviewView, SubmissionDetail } from '../../src/console/api-types.js';
import { median } from '../../src/scoring/median.js';
import { round2 } from '../../src/scoring/round.js';
import { iso } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import type { MockEvent } from './mock-event.js';

/** Every live submission of the camp with its latest grade and each reviewer's latest review, oldest first. */
export function submissionsOf(camp: MockCamp, namedReviewers: boolean): SubmissionDetail[] {
  const revoked = camp.revoked();
  const live = camp.events.filter((e) => !revoked.has(e.id));
  const titles = new Map(live.filter((e) => e.type === 'assignment').map((e) => [e.ref, e.note]));
  const latestSubmission = new Map<string, MockEvent>();
  for (const e of live) if (e.type === 'submission') latestSubmission.set(`${e.ref}\u0000${e.userid}`, e);
  return [...latestSubmission.values()].map((s) => {
    const mine = live.filter((e) => e.ref === s.ref && e.userid === s.userid);
    const grade = mine.filter((e) => e.type === 'grade').at(-1);
    const reviews = new Map<string, MockEvent>();
    for (const e of mine) if (e.type === 'review' && e.actor !== s.userid) reviews.set(e.actor, e);
    const gradeView: GradeView | null = grade ? { score: grade.num ?? 0, comment: grade.text, by: camp.nameOf(grade.actor), at: iso(grade.at) } : null;
    const reviewViews: ReviewView[] = [...reviews.values()].map((r) => ({
      score: r.num ?? 0, comment: r.text, at: iso(r.at), reviewer: namedReviewers ? camp.nameOf(r.actor) : null,
    }));
    return {
      id: s.id, assignment: s.ref ?? '', assignmentTitle: titles.get(s.ref) ?? null, userid: s.userid ?? '', name: camp.nameOf(s.userid ?? ''),
      content: s.text ?? '', submittedAt: iso(s.at), grade: gradeView, reviews: reviewViews, score: scoreOf(camp, gradeView, reviewViews),
    };
  });
}

function scoreOf(camp: MockCamp, grade: GradeView | null, reviews: ReviewView[]): number | null {
  if (!grade) return null;
  const { trainerShare, minPeerReviews } = camp.config.metrics.assignment;
  if (reviews.length < minPeerReviews) return grade.score;
  return round2(trainerShare * grade.score + (1 - trainerShare) * median(reviews.map((r) => r.score)));
}
