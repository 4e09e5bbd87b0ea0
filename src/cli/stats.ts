import { UsageError } from '../errors.js';
import { buildStatsReport } from '../insight/build-stats-report.js';
import { loadInsight } from '../insight/load-insight.js';
import { statsText } from '../insight/stats-text.js';
import { statsJson } from '../report/stats-json.js';
import type { CliCommand } from './cli-command.js';
import { campAt } from './parse-at.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const statsCommand: CliCommand = {
  path: ['stats'],
  usage: 'stats <camp-id> [--json] [--at <ISO time>]',
  summary: 'statistics, projections, learners at risk, award ideas',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    const [campId] = positional;
    if (!campId || positional.length > 1) throw new UsageError('stats takes one camp id');
    const inputs = await withStore(async (store) => loadInsight(store, campId, (await campAt(store, campId, flags.at)).asOf));
    const report = buildStatsReport(inputs);
    if (flags.json) io.out(JSON.stringify(statsJson(report, inputs.winnersSource), null, 2));
    else io.out(statsText(report, inputs.config, { detail: true, winnersSource: inputs.winnersSource }));
    return 0;
  },
};
