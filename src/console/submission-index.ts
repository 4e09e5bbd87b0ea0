import type { CampConfig } from '../camp/camp-config.js';
import type { LedgerRow } from '../db/ledger-queries.js';
import { isoOf } from '../report/iso-of.js';
import { assignmentScore } from '../scoring/assignment-score.js';
import { isLater } from '../scoring/latest-of.js';
import { round2 } from '../scoring/round.js';
import type { SubmissionDetail } from './api-types.js';

const keyOf = (ref: string | null, userid: string | null): string => `${ref}\u0000${userid}`;

/** The later of two events by time, then recording order. */
const later = (current: LedgerRow | undefined, event: LedgerRow): boolean =>
  !current || isLater(event.happenedAt, event.id, current.happenedAt, current.id);

/**
 * A camp's live assignment work, built event by event (recording order, revoked events left out by the caller): every
 * submission, each author's latest per assignment (the one that counts), the latest trainer grade and each peer's
 * latest review per author and assignment (as scoring reads them), and the assignments' titles.
 */
export class SubmissionIndex {
  readonly submissions = new Map<number, LedgerRow>();
  readonly latest = new Map<string, LedgerRow>();
  private readonly grades = new Map<string, LedgerRow>();
  private readonly reviews = new Map<string, Map<string, LedgerRow>>();
  private readonly titles = new Map<string, string | null>();

  constructor(private readonly names: ReadonlyMap<string, string>) {}

  add(event: LedgerRow): void {
    const key = keyOf(event.ref, event.userid);
    if (event.type === 'assignment' && event.ref) this.titles.set(event.ref, event.note);
    if (event.type === 'submission') {
      this.submissions.set(event.id, event);
      if (later(this.latest.get(key), event)) this.latest.set(key, event);
    }
    if (event.type === 'grade' && later(this.grades.get(key), event)) this.grades.set(key, event);
    if (event.type === 'review' && event.actor !== event.userid) {
      const peers = this.reviews.get(key) ?? new Map<string, LedgerRow>();
      if (later(peers.get(event.actor), event)) peers.set(event.actor, event);
      this.reviews.set(key, peers);
    }
  }

  /** The trainer grade that counts for the submission's author and assignment. */
  gradeOf(submission: LedgerRow): number | null {
    return this.grades.get(keyOf(submission.ref, submission.userid))?.num ?? null;
  }

  /** A submission as the API shows it; peer reviewers named only when `namedReviewers` (trainers). */
  detail(s: LedgerRow, camp: Pick<CampConfig, 'metrics'>, namedReviewers: boolean): SubmissionDetail {
    const name = (userid: string): string => this.names.get(userid) ?? userid;
    const grade = this.grades.get(keyOf(s.ref, s.userid));
    const peers = [...(this.reviews.get(keyOf(s.ref, s.userid))?.values() ?? [])];
    const score = grade?.num == null ? null : round2(assignmentScore(camp.metrics.assignment, grade.num, peers.map((r) => r.num ?? 0)));
    return {
      id: s.id, assignment: s.ref ?? '', assignmentTitle: this.titles.get(s.ref ?? '') ?? null, userid: s.userid ?? '', name: name(s.userid ?? ''),
      content: s.text ?? '', submittedAt: isoOf(s.happenedAt),
      grade: grade ? { score: grade.num ?? 0, comment: grade.text, by: name(grade.actor), at: isoOf(grade.happenedAt) } : null,
      reviews: peers.map((r) => ({ score: r.num ?? 0, comment: r.text, at: isoOf(r.happenedAt), reviewer: namedReviewers ? name(r.actor) : null })),
      score,
    };
  }
}
