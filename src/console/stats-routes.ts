import { buildStatsReport } from '../insight/build-stats-report.js';
import { loadInsight } from '../insight/load-insight.js';
import { statsJson } from '../report/stats-json.js';
import type { ConsoleApi } from './api-router.js';
import type { StatsResponse } from './api-types.js';

/** `GET …/stats`: the `camp-bot stats --json` document, for the trainers' charts. */
export function statsRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/stats', ['trainer'], async ({ campId, now }) => {
    const inputs = await loadInsight(deps.store, campId, now);
    return statsJson(buildStatsReport(inputs), inputs.winnersSource) as StatsResponse;
  });
}
