import type { CampConfig, ImprovementAward } from '../camp/camp-config.js';
import { standingsOf } from '../db/camp-standings.js';
import type { Db } from '../db/db.js';
import type { Learner } from '../db/roster-store.js';
import type { Standings } from '../scoring/standings.js';

/**
 * Every learner's standings as of each improvement award's starting point, by that time (the current standings for a
 * start not reached yet): what `suggestNextAction` compares a learner against, loaded up front so advice stays pure.
 */
export async function improvementBaselines(
  db: Db, config: CampConfig, learners: readonly Learner[], standings: Standings,
): Promise<Map<number, Standings>> {
  const starts = config.awards.filter((a): a is ImprovementAward => a.kind === 'improvement').map((a) => a.improvement.from.atMs);
  const baselines = new Map<number, Standings>();
  for (const ms of new Set(starts)) baselines.set(ms, ms >= standings.asOf ? standings : await standingsOf(db, config, learners, ms));
  return baselines;
}
