import type { CampConfig } from '../camp/camp-config.js';
import { compareIds } from '../scoring/competition-rank.js';
import type { Standings } from '../scoring/standings.js';
import { awardCutoffs, reachesCutoff, type AwardCutoff } from './award-cutoffs.js';
import type { Projection } from './project-standings.js';

/** A learner projected below every rank award's current cut-off. */
export interface AtRiskLearner {
  userid: string;
  name: string;
  team: string | null;
  current: number;
  projected: number;
  /** The award they are projected closest to (smallest relative shortfall), when there is one. */
  closest: { award: string; awardName: string; projectedValue: number; cutoff: number } | null;
}

/** A projected value for what an award ranks: the composite, or a metric's projected raw value. */
export function projectedValueOf(projection: Projection, ref: string): number {
  return ref === 'composite' ? projection.projected : (projection.byMetric[ref]?.projected.raw ?? 0);
}

function projectedEligible(config: CampConfig, projection: Projection): boolean {
  const completion = projection.byMetric.completion?.projected.normalized ?? 0;
  const attendance = projection.byMetric.attendance?.projected.normalized ?? 0;
  return projection.projected > 0 && completion >= config.eligibility.minCompletion && attendance >= config.eligibility.minAttendance;
}

/**
 * Learners who, at their projected end-of-camp values, would reach no rank award's current cut-off (or would not be
 * eligible at all), lowest projection first. Empty when the camp has no rank award.
 */
export function atRiskLearners(config: CampConfig, standings: Standings, projections: ReadonlyMap<string, Projection>): AtRiskLearner[] {
  const cutoffs = awardCutoffs(config, standings);
  if (cutoffs.length === 0) return [];
  const atRisk: AtRiskLearner[] = [];
  for (const row of standings.rows) {
    const projection = projections.get(row.userid);
    if (!projection) continue;
    const eligible = projectedEligible(config, projection);
    if (eligible && cutoffs.some((c) => reachesCutoff(projectedValueOf(projection, c.award.rank), c))) continue;
    atRisk.push({
      userid: row.userid,
      name: row.name,
      team: row.team,
      current: projection.current,
      projected: projection.projected,
      closest: closestAward(cutoffs, projection),
    });
  }
  return atRisk.sort((a, b) => a.projected - b.projected || compareIds(a.userid, b.userid));
}

function closestAward(cutoffs: AwardCutoff[], projection: Projection): AtRiskLearner['closest'] {
  let best: AtRiskLearner['closest'] = null;
  let bestRatio = 0;
  for (const c of cutoffs) {
    const value = projectedValueOf(projection, c.award.rank);
    const ratio = c.cutoff > 0 ? value / c.cutoff : value > 0 ? 1 : 0;
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = { award: c.award.id, awardName: c.award.name, projectedValue: value, cutoff: c.cutoff };
    }
  }
  return best;
}
