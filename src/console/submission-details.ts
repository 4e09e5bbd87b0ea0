import type { CampConfig } from '../camp/camp-config.js';
import type { Db } from '../db/db.js';
import { liveEvents, type LedgerRow } from '../db/ledger-queries.js';
import { rosterOf } from '../db/roster-store.js';
import { isoOf } from '../report/iso-of.js';
import { assignmentScore } from '../scoring/assignment-score.js';
import { isLater } from '../scoring/latest-of.js';
import { round2 } from '../scoring/round.js';
import type { SubmissionDetail } from './api-types.js';

/** A submission with its details, and whether it is its author's latest for the assignment (the one that counts). */
export interface SubmissionEntry {
  detail: SubmissionDetail;
  latest: boolean;
}

/** The live events submissions are made of, and everyone's names. */
export interface SubmissionFacts {
  assignments: LedgerRow[];
  submissions: LedgerRow[];
  grades: LedgerRow[];
  reviews: LedgerRow[];
  names: ReadonlyMap<string, string>;
}

/** Reads the camp's live assignments, submissions, grades and reviews (revoked ones left out). */
export async function loadSubmissionFacts(db: Db, campId: string): Promise<SubmissionFacts> {
  return {
    assignments: await liveEvents(db, campId, 'assignment'),
    submissions: await liveEvents(db, campId, 'submission'),
    grades: await liveEvents(db, campId, 'grade'),
    reviews: await liveEvents(db, campId, 'review'),
    names: new Map((await rosterOf(db, campId)).map((p) => [p.userid, p.name])),
  };
}

const keyOf = (ref: string | null, userid: string | null): string => `${ref}\u0000${userid}`;

/**
 * Every live submission, oldest first, with its latest trainer grade, each peer's latest review (by someone other
 * than the author) and its score as scoring counts it (SPEC §6); grades and reviews belong to the author's
 * assignment, as in scoring. Peer reviewers are named only when `namedReviewers` (trainers).
 */
export function submissionDetails(facts: SubmissionFacts, camp: Pick<CampConfig, 'metrics'>, namedReviewers: boolean): SubmissionEntry[] {
  const name = (userid: string): string => facts.names.get(userid) ?? userid;
  const titles = new Map(facts.assignments.map((a) => [a.ref, a.note]));
  const grades = latestBy(facts.grades, (g) => keyOf(g.ref, g.userid));
  const reviews = new Map<string, LedgerRow[]>();
  for (const review of latestBy(facts.reviews.filter((r) => r.actor !== r.userid), (r) => `${keyOf(r.ref, r.userid)}\u0000${r.actor}`).values()) {
    const key = keyOf(review.ref, review.userid);
    reviews.set(key, [...(reviews.get(key) ?? []), review]);
  }
  const latest = latestBy(facts.submissions, (s) => keyOf(s.ref, s.userid));
  return facts.submissions.map((s) => {
    const grade = grades.get(keyOf(s.ref, s.userid));
    const peers = reviews.get(keyOf(s.ref, s.userid)) ?? [];
    const rules = camp.metrics.assignment;
    const score = grade?.num == null ? null : round2(assignmentScore(rules, grade.num, peers.map((r) => r.num ?? 0)));
    return {
      latest: latest.get(keyOf(s.ref, s.userid))?.id === s.id,
      detail: {
        id: s.id, assignment: s.ref ?? '', assignmentTitle: titles.get(s.ref) ?? null, userid: s.userid ?? '', name: name(s.userid ?? ''),
        content: s.text ?? '', submittedAt: isoOf(s.happenedAt),
        grade: grade ? { score: grade.num ?? 0, comment: grade.text, by: name(grade.actor), at: isoOf(grade.happenedAt) } : null,
        reviews: peers.map((r) => ({ score: r.num ?? 0, comment: r.text, at: isoOf(r.happenedAt), reviewer: namedReviewers ? name(r.actor) : null })),
        score,
      },
    };
  });
}

/** The latest event (by time, then recording order) per key. */
function latestBy(events: readonly LedgerRow[], key: (event: LedgerRow) => string): Map<string, LedgerRow> {
  const latest = new Map<string, LedgerRow>();
  for (const event of events) {
    const current = latest.get(key(event));
    if (!current || isLater(event.happenedAt, event.id, current.happenedAt, current.id)) latest.set(key(event), event);
  }
  return latest;
}
