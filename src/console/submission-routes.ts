import { gradeCommand } from '../commands/grade.js';
import { submitCommand } from '../commands/submit.js';
import { transaction } from '../db/db.js';
import { ApiRefusal } from '../errors.js';
import type { CampRequest, ConsoleApi } from './api-router.js';
import type { EventCreated, SubmissionDetail, SubmissionQueueItem, SubmitResponse } from './api-types.js';
import { idField, optionalText, scoreField, textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';
import { loadSubmissionFacts, submissionDetails, type SubmissionEntry } from './submission-details.js';

/** Submissions: a learner's own and submitting, the trainers' queue (contract), one submission, and grading (contract). */
export function submissionRoutes(api: ConsoleApi): void {
  const { deps } = api;
  const entries = async (req: CampRequest, namedReviewers: boolean): Promise<SubmissionEntry[]> =>
    submissionDetails(await loadSubmissionFacts(deps.store, req.campId), req.camp, namedReviewers);

  api.camp('get', '/me/submissions', ['learner'], async (req): Promise<SubmissionDetail[]> =>
    (await entries(req, false)).filter((e) => e.latest && e.detail.userid === req.userid).map((e) => e.detail).reverse());

  api.camp('post', '/submissions', ['learner'], async (req): Promise<SubmitResponse> => {
    const assignment = textField(req.body, 'assignment', '作业', 40);
    const content = textField(req.body, 'content', '作业内容（链接或文字）', 2000);
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, submitCommand, [assignment, content]), 'write');
    req.ctx.status = 201;
    return { submission: event!.id, event: event!.id };
  });

  api.camp('get', '/submissions', ['trainer'], async (req): Promise<SubmissionQueueItem[]> =>
    (await entries(req, true))
      .filter((e) => e.latest)
      .map(({ detail: d }) => ({ id: d.id, assignment: d.assignment, userid: d.userid, submittedAt: d.submittedAt, grade: d.grade?.score ?? null }))
      .sort((a, b) => Number(a.grade !== null) - Number(b.grade !== null) || a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id));

  api.camp('get', '/submissions/:sid', ['trainer', 'learner'], async (req): Promise<SubmissionDetail> => {
    const trainer = req.roles.includes('trainer');
    const found = (await entries(req, trainer)).find((e) => String(e.detail.id) === req.ctx.params.sid);
    if (!found || (!trainer && found.detail.userid !== req.userid)) throw new ApiRefusal(404, '没有这份作业');
    return found.detail;
  });

  api.camp('post', '/grades', ['trainer'], async (req): Promise<EventCreated> => {
    const submission = idField(req.body, 'submission', '作业编号');
    const score = scoreField(req.body);
    const comment = optionalText(req.body, 'comment', '评语', 500);
    const args = [`#${submission}`, String(score), ...(comment === null ? [] : [comment])];
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, gradeCommand, args), 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}
