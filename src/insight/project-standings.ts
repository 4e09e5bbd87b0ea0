import { COUNT_METRICS, type CampConfig, type CountMetricName } from '../camp/camp-config.js';
import { round2 } from '../scoring/round.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import { campWindow, elapsedDays } from './camp-window.js';

/** One metric now and at the camp's end: raw and normalized. */
export interface MetricProjection {
  current: { raw: number; normalized: number };
  projected: { raw: number; normalized: number };
  /** `trend`: extrapolated at the learner's own rate; `held`: kept at today's value. */
  basis: 'trend' | 'held';
}

/** A learner's composite now and projected to the end of the camp. */
export interface Projection {
  userid: string;
  current: number;
  projected: number;
  byMetric: Record<string, MetricProjection>;
}

/**
 * Projects every learner's final composite. The model, in one line: lessons and points (project, practice,
 * participation) keep growing at the learner's own average rate per elapsed camp day until `ends` (lessons capped
 * at the camp's count, normalized values at 100); exam, assignment and attendance scores stay where they are.
 * Only assessed metrics count, with the weights in force. Before the camp starts or after it ends nothing moves.
 * @example projectStandings(camp, standings).get('u1') // { current: 42.5, projected: 71.25, byMetric: {…} }
 */
export function projectStandings(config: CampConfig, standings: Standings): Map<string, Projection> {
  const window = campWindow(config);
  const elapsed = elapsedDays(window, standings.asOf);
  const total = elapsedDays(window, window.endMs);
  const factor = elapsed > 0 ? total / elapsed : 1;
  const projections = new Map<string, Projection>();
  for (const row of standings.rows) projections.set(row.userid, projectRow(config, standings, row, factor));
  return projections;
}

function projectRow(config: CampConfig, standings: Standings, row: StandingRow, factor: number): Projection {
  const byMetric: Record<string, MetricProjection> = {};
  for (const [key, value] of Object.entries(row.metrics)) byMetric[key] = projectMetric(config, key, value, factor);
  let weighted = 0;
  let weights = 0;
  for (const metric of standings.assessed) {
    const w = standings.weights[metric];
    weighted += w * (byMetric[metric]?.projected.normalized ?? 0);
    weights += w;
  }
  const projected = weights > 0 ? round2(weighted / weights) : 0;
  // Guard against rounding noise: a projection never falls below today's composite.
  return { userid: row.userid, current: row.composite, projected: Math.max(projected, row.composite), byMetric };
}

function projectMetric(config: CampConfig, key: string, current: MetricProjection['current'], factor: number): MetricProjection {
  const held: MetricProjection = { current, projected: current, basis: 'held' };
  if (factor === 1 || current.raw <= 0) return held;
  if (key === 'completion') {
    const raw = round2(Math.min(config.lessons, current.raw * factor));
    return { current, projected: { raw, normalized: round2(config.lessons > 0 ? (100 * raw) / config.lessons : 0) }, basis: 'trend' };
  }
  if ((COUNT_METRICS as readonly string[]).includes(key)) {
    const target = config.metrics[key as CountMetricName].target;
    const raw = round2(current.raw * factor);
    return { current, projected: { raw, normalized: round2(target > 0 ? Math.min(100, (100 * raw) / target) : 0) }, basis: 'trend' };
  }
  return held;
}
