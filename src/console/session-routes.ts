import { sessionCommand } from '../commands/session.js';
import { transaction } from '../db/db.js';
import { openSession } from '../db/ledger-queries.js';
import { learnerCount, learnersOf } from '../db/roster-store.js';
import { ApiRefusal } from '../errors.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { AttendanceResponse, EventCreated, SessionsResponse } from './api-types.js';
import { textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';
import { loadSessions } from './session-views.js';

/** Attendance sessions: the list, opening and closing one (like `/session`), and who attended. */
export function sessionRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/sessions', ['trainer'], async ({ campId }): Promise<SessionsResponse> => ({
    learners: await learnerCount(deps.store, campId),
    sessions: (await loadSessions(deps.store, campId)).map((s) => s.view),
  }));

  api.camp('post', '/sessions', ['trainer'], async (req): Promise<EventCreated> => {
    const name = textField(req.body, 'name', '课次名称', 40);
    const [event] = await transaction(deps.store, async (tx) => {
      const current = await openSession(tx, req.campId);
      if (current) throw new ApiRefusal(409, `课次「${current.ref}」还在进行中，请先结束它`);
      return runChatCommand(tx, req, deps, sessionCommand, ['open', name]);
    }, 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });

  api.camp('post', '/sessions/close', ['trainer'], async (req): Promise<EventCreated> => {
    const [event] = await transaction(deps.store, async (tx) => {
      if (!(await openSession(tx, req.campId))) throw new ApiRefusal(409, '现在没有进行中的课次');
      return runChatCommand(tx, req, deps, sessionCommand, ['close']);
    }, 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });

  api.camp('get', '/sessions/:name/attendance', ['trainer'], async ({ ctx, campId }): Promise<AttendanceResponse> => {
    const session = (await loadSessions(deps.store, campId)).find((s) => s.view.name === ctx.params.name);
    if (!session) throw new ApiRefusal(404, '没有这个课次');
    const learners = await learnersOf(deps.store, campId);
    return {
      session: session.view,
      learners: learners.map((l) => {
        const at = session.checkins.get(l.userid);
        return { userid: l.userid, name: l.name, team: l.team, checkedInAt: at === undefined ? null : isoOf(at) };
      }),
    };
  });
}
