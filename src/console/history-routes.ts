import type { ConsoleApi } from './api-router.js';
import type { LearnerHistory } from './api-types.js';
import type { HistoryCache } from './learner-history.js';

/** `GET …/me/history`: the learner's composite and rank at the end of each camp day, for the chart. */
export function historyRoutes(api: ConsoleApi, history: HistoryCache): void {
  const { deps } = api;
  api.camp('get', '/me/history', ['learner'], async ({ campId, camp, userid, now }): Promise<LearnerHistory> =>
    history.of(deps.store, camp, userid, await deps.standings(deps.store, campId, now), now));
}
