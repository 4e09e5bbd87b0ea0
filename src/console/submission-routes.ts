import { gradeCommand } from '../commands/grade.js';
import { submitCommand } from '../commands/submit.js';
import { transaction } from '../db/db.js';
import { ApiRefusal } from '../errors.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, SubmissionDetail, SubmissionQueueItem, SubmitResponse } from './api-types.js';
import { textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';
import { scoreSubmission } from './score-submission.js';
import type { SubmissionsCache } from './submissions-cache.js';

/** Submissions: a learner's own and submitting, the trainers' queue (contract), one submission, and grading (contract). */
export function submissionRoutes(api: ConsoleApi, submissions: SubmissionsCache): void {
  const { deps } = api;
  api.camp('get', '/me/submissions', ['learner'], async ({ campId, camp, userid, now }): Promise<SubmissionDetail[]> => {
    const index = await submissions.get(deps.store, campId, now);
    const mine = [...index.latest.values()].filter((s) => s.userid === userid).sort((a, b) => b.happenedAt - a.happenedAt || b.id - a.id);
    return mine.map((s) => index.detail(s, camp, false));
  });

  api.camp('post', '/submissions', ['learner'], async (req): Promise<SubmitResponse> => {
    const assignment = textField(req.body, 'assignment', '作业', 40);
    const content = textField(req.body, 'content', '作业内容（链接或文字）', 2000);
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, submitCommand, [assignment, content]), 'write');
    req.ctx.status = 201;
    return { submission: event!.id, event: event!.id };
  });

  api.camp('get', '/submissions', ['trainer'], async ({ campId, now }): Promise<SubmissionQueueItem[]> => {
    const index = await submissions.get(deps.store, campId, now);
    return [...index.latest.values()]
      .map((s) => ({ id: s.id, assignment: s.ref ?? '', userid: s.userid ?? '', at: s.happenedAt, grade: index.gradeOf(s) }))
      .sort((a, b) => Number(a.grade !== null) - Number(b.grade !== null) || a.at - b.at || a.id - b.id)
      .map(({ at, ...item }) => ({ ...item, submittedAt: new Date(at).toISOString() }));
  });

  api.camp('get', '/submissions/:sid', ['trainer', 'learner'], async ({ ctx, campId, camp, userid, roles, now }): Promise<SubmissionDetail> => {
    const trainer = roles.includes('trainer');
    const index = await submissions.get(deps.store, campId, now);
    const found = index.submissions.get(Number(ctx.params.sid));
    if (!found || (!trainer && found.userid !== userid)) throw new ApiRefusal(404, '没有这份作业');
    return index.detail(found, camp, trainer);
  });

  api.camp('post', '/grades', ['trainer'], async (req): Promise<EventCreated> => {
    return scoreSubmission(req, deps, gradeCommand);
  });
}
