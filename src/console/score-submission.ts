import type { CommandSpec } from '../commands/command-spec.js';
import { transaction } from '../db/db.js';
import type { CampRequest } from './api-router.js';
import type { EventCreated } from './api-types.js';
import { idField, optionalText, scoreField } from './body-fields.js';
import type { ConsoleDeps } from './console-deps.js';
import { runChatCommand } from './run-chat-command.js';

/**
 * A body `{ submission, score, comment? }` run as `/grade` or `/review`, which take the same arguments; answers 201
 * with the event recorded.
 */
export async function scoreSubmission(req: CampRequest, deps: ConsoleDeps, spec: CommandSpec): Promise<EventCreated> {
  const submission = idField(req.body, 'submission', '作业编号');
  const score = scoreField(req.body);
  const comment = optionalText(req.body, 'comment', '评语', 500);
  const args = [`#${submission}`, String(score), ...(comment === null ? [] : [comment])];
  const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, spec, args), 'write');
  req.ctx.status = 201;
  return { event: event!.id };
}
