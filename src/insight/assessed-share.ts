import type { Fact } from '../scoring/fact.js';
import { METRIC_EVENT_TYPES } from '../scoring/metric-event-types.js';
import type { Standings } from '../scoring/standings.js';
import { round2 } from '../scoring/round.js';
import { metricKeysOf } from './metric-keys.js';

/** How many enrolled learners have at least one data point on a metric. */
export interface MetricCoverage {
  metric: string;
  learners: number;
  /** learners / enrolled, 0–1 rounded to 2 decimals. */
  share: number;
}

/**
 * Per metric (and `assignment:<tag>`) the share of enrolled learners with data on it: a lesson, check-in, exam score,
 * submission or grade (of an assignment with that tag), or points. `facts` must already be live.
 */
export function assessedShare(standings: Standings, facts: readonly Fact[]): MetricCoverage[] {
  const enrolled = new Set(standings.rows.map((r) => r.userid));
  const tagOf = new Map<string, string>();
  for (const f of facts) if (f.type === 'assignment' && f.ref && f.text) tagOf.set(f.ref, f.text);
  const users = new Map<string, Set<string>>(metricKeysOf(standings).map((key) => [key, new Set<string>()]));
  for (const f of facts) {
    if (!f.userid || !enrolled.has(f.userid)) continue;
    for (const [metric, types] of Object.entries(METRIC_EVENT_TYPES)) if (types.includes(f.type)) users.get(metric)?.add(f.userid);
    const tag = f.ref ? tagOf.get(f.ref) : undefined;
    if (tag && METRIC_EVENT_TYPES.assignment.includes(f.type)) users.get(`assignment:${tag}`)?.add(f.userid);
  }
  return [...users].map(([metric, who]) => ({
    metric,
    learners: who.size,
    share: enrolled.size === 0 ? 0 : round2(who.size / enrolled.size),
  }));
}
