import { reviewCommand } from '../commands/review.js';
import { transaction } from '../db/db.js';
import { liveEvents } from '../db/ledger-queries.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, ReviewTodo } from './api-types.js';
import { idField, optionalText, scoreField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';
import { loadSubmissionFacts, submissionDetails } from './submission-details.js';

/** The newest classmates' submissions offered for review. */
const TODO_LIMIT = 100;

/** Peer review: what a learner may review (with their own review, if any), and reviewing (like `/review`). */
export function reviewRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/reviews/todo', ['learner'], async (req): Promise<ReviewTodo[]> => {
    const entries = submissionDetails(await loadSubmissionFacts(deps.store, req.campId), req.camp, false);
    const mine = await liveEvents(deps.store, req.campId, 'review', { actor: req.userid });
    const others = entries.filter((e) => e.latest && e.detail.userid !== req.userid).reverse().slice(0, TODO_LIMIT);
    return others.map(({ detail: s }) => {
      const review = mine.filter((r) => r.ref === s.assignment && r.userid === s.userid).at(-1);
      return {
        submission: s.id, assignment: s.assignment, assignmentTitle: s.assignmentTitle, userid: s.userid, name: s.name,
        content: s.content, submittedAt: s.submittedAt, mine: review ? { score: review.num ?? 0, comment: review.text } : null,
      };
    });
  });

  api.camp('post', '/reviews', ['learner'], async (req): Promise<EventCreated> => {
    const submission = idField(req.body, 'submission', '作业编号');
    const score = scoreField(req.body);
    const comment = optionalText(req.body, 'comment', '评语', 500);
    const args = [`#${submission}`, String(score), ...(comment === null ? [] : [comment])];
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, reviewCommand, args), 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}
