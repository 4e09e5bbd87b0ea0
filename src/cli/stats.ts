import type Sqlite from 'better-sqlite3';
import { zonedTimeToUtcMs } from '../camp/time-zone.js';
import { requireCamp } from '../db/camp-standings.js';
import { UsageError } from '../errors.js';
import { buildStatsReport, type StatsReport } from '../insight/build-stats-report.js';
import { loadInsight } from '../insight/load-insight.js';
import { statsText } from '../insight/stats-text.js';
import type { CliCommand } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { parseFlags } from './parse-flags.js';

/** `--at` (ISO with offset, or local time in the camp's zone) in ms; now when absent. Checks that the camp exists. */
export function asOfFlag(sqlite: Sqlite.Database, campId: string, at: string | true | undefined): number {
  const config = requireCamp(sqlite, campId);
  if (at === undefined) return Date.now();
  const ms = typeof at === 'string' ? zonedTimeToUtcMs(at.trim(), config.timezone) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--at 时间无效：${String(at)}（例如 2026-11-20T20:00 或 2026-11-20T12:00:00Z）`);
  return ms;
}

/** The report as JSON: times as ISO strings, everything else as computed. */
export function statsJson(report: StatsReport, winnersSource: string): unknown {
  return {
    asOf: new Date(report.stats.asOf).toISOString(),
    winnersSource,
    ...report,
    stats: { ...report.stats, asOf: new Date(report.stats.asOf).toISOString() },
  };
}

export const statsCommand: CliCommand = {
  path: ['stats'],
  usage: 'stats <camp-id> [--json] [--at <ISO time>]',
  summary: 'statistics, projections, learners at risk, award ideas',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    const [campId] = positional;
    if (!campId || positional.length > 1) throw new UsageError('stats takes one camp id');
    const database = openConfiguredDatabase();
    try {
      const at = asOfFlag(database.sqlite, campId, flags.at);
      const inputs = loadInsight(database.sqlite, campId, at);
      const report = buildStatsReport(inputs);
      if (flags.json) io.out(JSON.stringify(statsJson(report, inputs.winnersSource), null, 2));
      else io.out(statsText(report, inputs.config, { detail: true, winnersSource: inputs.winnersSource }));
    } finally {
      database.close();
    }
    return 0;
  },
};
