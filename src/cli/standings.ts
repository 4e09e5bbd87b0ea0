import { standingsOf } from '../db/camp-standings.js';
import { learnersOf } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import { isoOf } from '../report/iso-of.js';
import { standingsJson } from '../report/standings-json.js';
import { standingsTable } from '../report/standings-table.js';
import { labelOf } from '../scoring/metric-labels.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { campAt } from './parse-at.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const standingsCommand: CliCommand = {
  path: ['standings'],
  usage: 'standings <camp-id> [--json] [--at <ISO time>]',
  summary: 'the composite table',
  async run(args: string[], io: CliIo) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    if (positional.length !== 1) throw new UsageError('需要营 id');
    return withStore(async (store) => {
      const { config, asOf } = await campAt(store, positional[0]!, flags.at);
      const standings = await standingsOf(store, config, await learnersOf(store, config.id), asOf);
      if (flags.json) {
        io.out(JSON.stringify(standingsJson(standings), null, 2));
        return 0;
      }
      const assessed = standings.assessed.map((m) => labelOf(m)).join('、') || '（暂无）';
      io.out(`${config.name}（${config.id}）排行榜 · 截至 ${isoOf(asOf)} · 计入综合分：${assessed}`);
      for (const line of standingsTable(standings)) io.out(line);
      return 0;
    });
  },
};
