import { readConfig } from '../config.js';
import type { PublishedWinner } from '../db/publication-record.js';
import { publishAwards } from '../publication/publish-awards.js';
import { UsageError } from '../errors.js';
import { formatScore } from '../scoring/round.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { parseFlags } from './parse-flags.js';

/** A winner row as `awards preview|publish --json` print it (SPEC §1). */
export function winnerJson(w: PublishedWinner): { award: string; userid: string; team: string | null; rank: number | null; value: number } {
  return { award: w.award, userid: w.userid, team: w.team, rank: w.rank, value: w.value };
}

/** One line per winner, for people. */
export function printWinners(io: CliIo, winners: PublishedWinner[]): void {
  for (const w of winners) {
    const rank = w.rank === null ? '' : ` 第${w.rank}名`;
    io.out(`  ${w.awardName}（${w.award}）：${w.name}(${w.userid})${w.team ? ` ${w.team}队` : ''}${rank} ${formatScore(w.value)}  证书 ${w.certificate}`);
  }
}

export const awardsPublishCommand: CliCommand = {
  path: ['awards', 'publish'],
  usage: 'awards publish <camp-id> [--json] [--force]',
  summary: 'publish the awards: announcements, certificates, prize list',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { switches: ['json', 'force'] });
    const [campId, ...extra] = positional;
    if (!campId || extra.length > 0) throw new UsageError('expected exactly one <camp-id>');
    const config = readConfig(process.env, { requireApp: false });
    const database = openConfiguredDatabase();
    try {
      const deps = { sqlite: database.sqlite, certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl };
      const { publicationId, result, queued } = publishAwards(deps, campId, { by: 'cli', force: flags.force === true, now: Date.now() });
      if (flags.json) {
        io.out(JSON.stringify({ asOf: result.asOf, winners: result.winners.map(winnerJson), warnings: result.warnings }, null, 2));
        return 0;
      }
      const replaced = result.supersedes ? `，取代 #${result.supersedes}` : '';
      io.out(`已发布 #${publicationId}${replaced}：${result.winners.length} 人次获奖（截至 ${result.asOf}）`);
      printWinners(io, result.winners);
      io.out(`已写入发件箱：${queued.announcements} 条群公告、${queued.winnerNotices} 份证书、${queued.adminMessages ? '行政名单 1 份' : '无行政名单'}（由 camp-bot serve 发送）`);
      for (const warning of result.warnings) io.out(`⚠️ ${warning}`);
      return 0;
    } finally {
      database.close();
    }
  },
};
