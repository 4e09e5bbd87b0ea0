import { UsageError } from '../errors.js';
import { buildStatsReport, type StatsReport } from '../insight/build-stats-report.js';
import { loadInsight } from '../insight/load-insight.js';
import { statsText } from '../insight/stats-text.js';
import type { CliCommand } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { campAt } from './parse-at.js';
import { parseFlags } from './parse-flags.js';

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
      const inputs = loadInsight(database.sqlite, campId, campAt(database.sqlite, campId, flags.at).asOf);
      const report = buildStatsReport(inputs);
      if (flags.json) io.out(JSON.stringify(statsJson(report, inputs.winnersSource), null, 2));
      else io.out(statsText(report, inputs.config, { detail: true, winnersSource: inputs.winnersSource }));
    } finally {
      database.close();
    }
    return 0;
  },
};
