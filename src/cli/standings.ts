import { METRIC_NAMES } from '../camp/camp-config.js';
import { UsageError } from '../errors.js';
import { standingsOf } from '../db/camp-standings.js';
import { learnersOf } from '../db/roster-store.js';
import { labelOf } from '../scoring/metric-labels.js';
import { formatScore } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { campAt, isoOf } from './parse-at.js';
import { parseFlags } from './parse-flags.js';
import { formatTable } from './print-table.js';

/** The SPEC §1 `standings --json` document. */
export function standingsJson(standings: Standings): object {
  return {
    asOf: isoOf(standings.asOf),
    assessed: standings.assessed,
    rows: standings.rows.map((row) => ({
      userid: row.userid, name: row.name, team: row.team, rank: row.rank, composite: row.composite, metrics: row.metrics,
    })),
  };
}

/** The readable table: rank, learner, team, composite and each metric's normalized value. */
export function standingsTable(standings: Standings): string[] {
  const keys = [...METRIC_NAMES, ...standings.tags.map((tag) => `assignment:${tag}` as const)];
  const header = ['排名', '学员', 'userid', '团队', '综合分', ...keys.map((key) => labelOf(key))];
  const body = standings.rows.map((row) => [
    String(row.rank), row.name, row.userid, row.team ?? '-', formatScore(row.composite),
    ...keys.map((key) => formatScore(row.metrics[key]?.normalized ?? 0)),
  ]);
  const numeric = new Set([0, ...header.map((_, i) => i).filter((i) => i >= 4)]);
  return formatTable([header, ...body], numeric);
}

export const standingsCommand: CliCommand = {
  path: ['standings'],
  usage: 'standings <camp-id> [--json] [--at <ISO time>]',
  summary: 'the composite table',
  async run(args: string[], io: CliIo) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    if (positional.length !== 1) throw new UsageError('需要营 id');
    const database = openConfiguredDatabase();
    try {
      const { config, asOf } = campAt(database.sqlite, positional[0]!, flags.at);
      const standings = standingsOf(database.sqlite, config, learnersOf(database.sqlite, config.id), asOf);
      if (flags.json) {
        io.out(JSON.stringify(standingsJson(standings), null, 2));
        return 0;
      }
      const assessed = standings.assessed.map((m) => labelOf(m)).join('、') || '（暂无）';
      io.out(`${config.name}（${config.id}）排行榜 · 截至 ${isoOf(asOf)} · 计入综合分：${assessed}`);
      for (const line of standingsTable(standings)) io.out(line);
      return 0;
    } finally {
      database.close();
    }
  },
};
