import { caseCommand } from '../commands/case.js';
import { transaction } from '../db/db.js';
import { listEvents } from '../db/list-events.js';
import { loadRevoked } from '../db/load-facts.js';
import { learnersOf, rosterOf } from '../db/roster-store.js';
import { ApiRefusal } from '../errors.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { CaseView, EventCreated } from './api-types.js';
import { textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';

/** Practice cases (`/case`): the list (managers see the ones they recorded, trainers all) and recording one. */
export function caseRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/cases', ['manager', 'trainer'], async ({ campId, userid, roles, now }): Promise<CaseView[]> => {
    const revoked = await loadRevoked(deps.store, campId, now);
    const names = new Map((await rosterOf(deps.store, campId)).map((p) => [p.userid, p.name]));
    const cases = (await listEvents(deps.store, { campId, type: 'practice' }))
      .filter((e) => e.note !== null && e.source === 'command' && (roles.includes('trainer') || e.actor === userid));
    return cases.reverse().map((e) => ({
      event: e.id, userid: e.userid ?? '', name: names.get(e.userid ?? '') ?? e.userid ?? '', description: e.note ?? '',
      actor: names.get(e.actor) ?? e.actor, at: isoOf(e.happenedAt), revoked: revoked.has(e.id),
    }));
  });

  api.camp('post', '/cases', ['manager', 'trainer'], async (req): Promise<EventCreated> => {
    const learner = textField(req.body, 'userid', '学员', 64);
    const description = textField(req.body, 'description', '案例描述', 500);
    const [event] = await transaction(deps.store, async (tx) => {
      if (!(await learnersOf(tx, req.campId)).some((l) => l.userid === learner)) throw new ApiRefusal(400, `${learner} 不是本营学员`);
      return runChatCommand(tx, req, deps, caseCommand, [learner, description]);
    }, 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}
