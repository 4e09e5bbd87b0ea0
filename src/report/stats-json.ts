import type { StatsReport } from '../insight/build-stats-report.js';
import { isoOf } from './iso-of.js';

/** The `camp-bot stats --json` document (also the console's `GET /api/camps/:id/stats`): times as ISO strings. */
export function statsJson(report: StatsReport, winnersSource: string): unknown {
  return {
    asOf: isoOf(report.stats.asOf),
    winnersSource,
    ...report,
    stats: { ...report.stats, asOf: isoOf(report.stats.asOf) },
  };
}
