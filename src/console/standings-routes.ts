import { rosterOf } from '../db/roster-store.js';
import { standingsJson } from '../report/standings-json.js';
import type { ConsoleApi } from './api-router.js';
import type { RosterPerson, RosterResponse, StandingsResponse } from './api-types.js';

/** `GET …/standings` (contract: the `standings --json` document) and `GET …/roster`. */
export function standingsRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/standings', ['trainer', 'manager', 'admin'], async ({ campId, now }) =>
    standingsJson(await deps.standings(deps.store, campId, now)) as StandingsResponse);

  api.camp('get', '/roster', ['trainer', 'manager', 'admin'], async ({ campId }): Promise<RosterResponse> => ({
    people: (await rosterOf(deps.store, campId)).flatMap((entry) => entry.roles.map((role): RosterPerson => ({
      userid: entry.userid, name: entry.name, department: entry.department, team: role === 'learner' ? entry.team : null, role, joined: entry.joined,
    }))),
  }));
}
