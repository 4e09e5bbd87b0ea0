import { METRIC_NAMES, weightsOf, type CampConfig, type MetricName } from '../camp/camp-config.js';
import { parseCampFile } from '../camp/parse-camp-file.js';
import { weightsCommand } from '../commands/weights.js';
import { loadCampFile } from '../db/camp-files.js';
import { transaction, type Db } from '../db/db.js';
import { liveEvents } from '../db/ledger-queries.js';
import { ApiRefusal } from '../errors.js';
import { effectiveWeights } from '../scoring/effective-weights.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, WeightsResponse } from './api-types.js';
import { runChatCommand } from './run-chat-command.js';

/** Metric weights: what counts now, what the camp file said, and changing them (like `/weights`). */
export function weightsRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/weights', ['trainer'], async ({ campId, camp, now }): Promise<WeightsResponse> => {
    const latest = (await liveEvents(deps.store, campId, 'weights')).at(-1);
    return {
      weights: effectiveWeights(camp, latest?.text ?? null),
      fileWeights: await fileWeights(deps.store, camp),
      assessed: (await deps.standings(deps.store, campId, now)).assessed,
    };
  });

  api.camp('put', '/weights', ['trainer'], async (req): Promise<EventCreated> => {
    const weights = wholeWeights(req.body.weights);
    const sum = METRIC_NAMES.reduce((total, metric) => total + weights[metric], 0);
    if (sum !== 100) throw new ApiRefusal(400, `权重合计须为 100，现在是 ${sum}`);
    const args = METRIC_NAMES.map((metric) => `${metric}=${weights[metric]}`);
    const [event] = await transaction(deps.store, (tx) => runChatCommand(tx, req, deps, weightsCommand, args), 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}

/** All seven metrics, each a whole number from 0 to 100. */
function wholeWeights(value: unknown): Record<MetricName, number> {
  if (typeof value !== 'object' || value === null) throw new ApiRefusal(400, '请给出七项指标的权重');
  const given = value as Record<string, unknown>;
  const weights = {} as Record<MetricName, number>;
  for (const metric of METRIC_NAMES) {
    const weight = given[metric];
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100) throw new ApiRefusal(400, `${metric} 的权重须为 0–100 的整数`);
    weights[metric] = weight;
  }
  const unknown = Object.keys(given).filter((key) => !(METRIC_NAMES as readonly string[]).includes(key));
  if (unknown.length > 0) throw new ApiRefusal(400, `没有指标「${unknown[0]}」`);
  return weights;
}

/** The weights of the camp file as last applied (before any `/weights`); the stored config's when there is no file. */
async function fileWeights(db: Db, camp: CampConfig): Promise<Record<MetricName, number>> {
  const file = await loadCampFile(db, camp.id);
  if (!file) return weightsOf(camp.metrics);
  try {
    return weightsOf(parseCampFile(file.yaml, { defaultTimezone: camp.timezone }).metrics);
  } catch {
    return weightsOf(camp.metrics);
  }
}
