import type { CampSummary, MeResponse } from './api-types.js';
import type { ConsoleApi } from './api-router.js';
import { loadCamp } from '../db/camp-store.js';
import { currentPublication } from '../db/publication-store.js';
import { campsOfUser, learnerCount, personName } from '../db/roster-store.js';
import { isoOf } from '../report/iso-of.js';

/** `GET /api/me` (contract) and `GET /api/camps`: who is signed in, and their camps. */
export function meRoutes(api: ConsoleApi): void {
  const { store } = api.deps;
  api.user('get', '/me', async ({ userid, csrf }): Promise<MeResponse> => {
    const camps = [];
    for (const { campId, roles } of await campsOfUser(store, userid)) {
      const camp = await loadCamp(store, campId);
      if (camp) camps.push({ id: campId, name: camp.name, roles });
    }
    return { userid, name: (await personName(store, userid)) ?? userid, csrf, camps };
  });

  api.user('get', '/camps', async ({ userid }): Promise<CampSummary[]> => {
    const summaries: CampSummary[] = [];
    for (const { campId, roles } of await campsOfUser(store, userid)) {
      const camp = await loadCamp(store, campId);
      if (!camp) continue;
      const published = await currentPublication(store, campId);
      summaries.push({
        id: campId, name: camp.name, starts: camp.starts, ends: camp.ends, learners: await learnerCount(store, campId), roles,
        publishedAt: published ? isoOf(published.publishedAt) : null,
      });
    }
    return summaries;
  });
}
