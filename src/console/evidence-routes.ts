import { undoCommand } from '../commands/undo.js';
import { transaction } from '../db/db.js';
import { eventsPage } from '../db/events-page.js';
import { loadRevoked } from '../db/load-facts.js';
import { ApiRefusal } from '../errors.js';
import { eventJson } from '../report/event-json.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, EventsPage } from './api-types.js';
import { idField, textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';

/** The evidence log, newest first, one page at a time, and undo (like `/undo`, a reason required). */
export function evidenceRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/events', ['trainer'], async ({ ctx, campId, now }): Promise<EventsPage> => {
    const limit = wholeQuery(ctx.query.limit, 'limit', 1, 200) ?? 50;
    const beforeId = wholeQuery(ctx.query.before, 'before', 1, Number.MAX_SAFE_INTEGER);
    const type = textQuery(ctx.query.type);
    const userid = textQuery(ctx.query.user);
    const page = await eventsPage(deps.store, campId, { type, userid, beforeId, limit: limit + 1 });
    const revoked = await loadRevoked(deps.store, campId, now);
    const shown = page.slice(0, limit);
    return { events: shown.map((e) => eventJson(e, revoked)), nextBefore: page.length > limit ? shown.at(-1)!.id : null };
  });

  api.camp('post', '/revocations', ['trainer'], async (req): Promise<EventCreated> => {
    const target = idField(req.body, 'event', '事件编号');
    const reason = textField(req.body, 'reason', '撤销原因', 200);
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, undoCommand, [`#${target}`, reason]), 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}

function wholeQuery(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ApiRefusal(400, `${name} 须为 ${min}–${max} 的整数`);
  return n;
}

function textQuery(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ApiRefusal(400, '查询条件只能写一次');
  return value;
}
