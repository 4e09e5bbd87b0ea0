import { reviewCommand } from '../commands/review.js';
import { liveEvents } from '../db/ledger-queries.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, ReviewTodo } from './api-types.js';
import { scoreSubmission } from './score-submission.js';
import type { SubmissionsCache } from './submissions-cache.js';

/** The newest classmates' submissions offered for review. */
const TODO_LIMIT = 100;

/** Peer review: what a learner may review (with their own review, if any), and reviewing (like `/review`). */
export function reviewRoutes(api: ConsoleApi, submissions: SubmissionsCache): void {
  const { deps } = api;
  api.camp('get', '/reviews/todo', ['learner'], async ({ campId, camp, userid, now }): Promise<ReviewTodo[]> => {
    const index = await submissions.get(deps.store, campId, now);
    const mine = await liveEvents(deps.store, campId, 'review', { actor: userid });
    const others = [...index.latest.values()].filter((s) => s.userid !== userid)
      .sort((a, b) => b.happenedAt - a.happenedAt || b.id - a.id).slice(0, TODO_LIMIT);
    return others.map((submission) => {
      const s = index.detail(submission, camp, false);
      const review = mine.filter((r) => r.ref === s.assignment && r.userid === s.userid).at(-1);
      return {
        submission: s.id, assignment: s.assignment, assignmentTitle: s.assignmentTitle, userid: s.userid, name: s.name,
        content: s.content, submittedAt: s.submittedAt, mine: review ? { score: review.num ?? 0, comment: review.text } : null,
      };
    });
  });

  api.camp('post', '/reviews', ['learner'], async (req): Promise<EventCreated> => {
    return scoreSubmission(req, deps, reviewCommand);
  });
}
