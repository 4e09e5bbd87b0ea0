import { METRIC_NAMES } from '../../src/camp/camp-config.js';
import type { MetricValue, StandingRow, Standings } from '../../src/scoring/standings.js';

export interface RowSpec {
  composite: number;
  team?: string | null;
  eligible?: boolean;
  /** Raw values; normalized is set equal unless given in `normalized`. */
  raw?: Record<string, number>;
  normalized?: Record<string, number>;
}

/** A standings table written by hand, for award tests; ranks are not used by award selection. */
export function standingsOf(rows: Record<string, RowSpec>, asOf = Date.parse('2026-12-04T10:00:00Z')): Standings {
  return {
    asOf,
    weights: { completion: 20, attendance: 0, exam: 30, assignment: 25, project: 15, practice: 10, participation: 0 },
    assessed: ['completion', 'exam', 'assignment', 'project', 'practice'],
    notAssessed: [],
    tags: [],
    rows: Object.entries(rows).map(([userid, spec]): StandingRow => {
      const metrics: Record<string, MetricValue> = {};
      for (const metric of METRIC_NAMES) metrics[metric] = { raw: 0, normalized: 0 };
      for (const [key, raw] of Object.entries(spec.raw ?? {})) metrics[key] = { raw, normalized: spec.normalized?.[key] ?? raw };
      for (const [key, normalized] of Object.entries(spec.normalized ?? {})) metrics[key] = { raw: metrics[key]?.raw ?? 0, normalized };
      return {
        userid,
        name: `学员${userid}`,
        team: spec.team ?? null,
        department: null,
        rank: 0,
        composite: spec.composite,
        eligible: spec.eligible ?? spec.composite > 0,
        metrics,
      };
    }),
    ungraded: [],
    learnersWithoutEvents: [],
  };
}
