import { COUNT_METRICS, type CampConfig, type CountMetricName } from '../camp/camp-config.js';
import type { Fact } from '../scoring/fact.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import { assignmentProgress, missingSubmissions } from './assignment-progress.js';
import { meanOf } from './mean-of.js';

/** Something a learner can do more of. */
export type ActionKind = 'lesson' | 'submission' | 'project' | 'practice' | 'participation';

/** One kind of action with how much one unit adds and how many units are left to take. */
export interface ActionOption {
  kind: ActionKind;
  /** What one more unit adds to the value in question. */
  gain: number;
  /** Units still possible (lessons left, points below the target, assignments not submitted). */
  capacity: number;
}

/** Units of `option` that close `gap`, or null when its capacity cannot. */
export function unitsToClose(option: ActionOption, gap: number): number | null {
  if (option.gain <= 0) return null;
  const units = Math.max(1, Math.ceil(gap / option.gain - 1e-9));
  return units <= option.capacity ? units : null;
}

const typicals = new WeakMap<Standings, number>();

/** The cohort's mean assignment score among learners with one: what a new submission is assumed to earn. */
function typicalAssignment(standings: Standings): number {
  let typical = typicals.get(standings);
  if (typical === undefined) {
    typical = meanOf(standings.rows.map((r) => r.metrics.assignment?.normalized ?? 0).filter((v) => v > 0));
    typicals.set(standings, typical);
  }
  return typical;
}

/**
 * How each action moves the composite of `row`: a lesson adds w/W·100/lessons, a point w/W·100/target (up to the
 * target), a missing submission w/W·(cohort's mean assignment score among those with one)/assignments. Only assessed
 * metrics move the composite; a metric with no data yet is left out (its effect on the weighting is unknowable).
 */
export function compositeOptions(config: CampConfig, standings: Standings, row: StandingRow, facts?: readonly Fact[]): ActionOption[] {
  const total = standings.assessed.reduce((sum, m) => sum + standings.weights[m], 0);
  if (total <= 0) return [];
  const share = (metric: keyof Standings['weights']): number => (standings.assessed.includes(metric) ? standings.weights[metric] / total : 0);
  const raw = (metric: string): number => row.metrics[metric]?.raw ?? 0;
  const options: ActionOption[] = [
    { kind: 'lesson', gain: (share('completion') * 100) / Math.max(1, config.lessons), capacity: config.lessons - raw('completion') },
  ];
  if (facts && share('assignment') > 0) {
    const progress = assignmentProgress(facts, standings.asOf);
    const gain = progress.graded.size > 0 ? (share('assignment') * typicalAssignment(standings)) / progress.graded.size : 0;
    options.push({ kind: 'submission', gain, capacity: missingSubmissions(progress, row.userid) });
  }
  for (const metric of COUNT_METRICS) {
    const target = config.metrics[metric].target;
    options.push({ kind: metric, gain: target > 0 ? (share(metric) * 100) / target : 0, capacity: Math.ceil(target - raw(metric)) });
  }
  return options;
}

/** How each action moves a metric's own raw value (for awards that rank a metric). */
export function metricOptions(config: CampConfig, row: StandingRow, metric: string): ActionOption[] {
  if (metric === 'completion') return [{ kind: 'lesson', gain: 1, capacity: config.lessons - (row.metrics.completion?.raw ?? 0) }];
  if ((COUNT_METRICS as readonly string[]).includes(metric)) return [{ kind: metric as ActionKind, gain: 1, capacity: Infinity }];
  return [];
}

/** How each action moves a metric's normalized value (for improvement awards). */
export function normalizedOptions(config: CampConfig, row: StandingRow, metric: string): ActionOption[] {
  if (metric === 'completion') return [{ kind: 'lesson', gain: 100 / Math.max(1, config.lessons), capacity: config.lessons - (row.metrics.completion?.raw ?? 0) }];
  if (!(COUNT_METRICS as readonly string[]).includes(metric)) return [];
  const target = config.metrics[metric as CountMetricName].target;
  return [{ kind: metric as ActionKind, gain: target > 0 ? 100 / target : 0, capacity: Math.ceil(target - (row.metrics[metric]?.raw ?? 0)) }];
}
