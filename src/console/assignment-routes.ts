import { liveEvents } from '../db/ledger-queries.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { AssignmentView } from './api-types.js';

/** `GET …/assignments`: the camp's assignments in the order they were set, with the caller's latest submission. */
export function assignmentRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/assignments', ['learner', 'trainer', 'manager', 'admin'], async ({ campId, userid }): Promise<AssignmentView[]> => {
    const created = await liveEvents(deps.store, campId, 'assignment');
    const mine = await liveEvents(deps.store, campId, 'submission', { userid });
    const latest = new Map(created.map((a) => [a.ref ?? '', a]));
    return [...latest.values()].map((a) => ({
      id: a.ref ?? '', tag: a.text, title: a.note, createdAt: isoOf(a.happenedAt),
      submitted: mine.filter((s) => s.ref === a.ref).at(-1)?.id ?? null,
    }));
  });
}
