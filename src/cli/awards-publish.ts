import { readConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { publishAwards } from '../publication/publish-awards.js';
import { winnerJson } from '../report/awards-json.js';
import { publishedWinnerLines } from '../report/awards-listing.js';
import type { CliCommand } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const awardsPublishCommand: CliCommand = {
  path: ['awards', 'publish'],
  usage: 'awards publish <camp-id> [--json] [--force]',
  summary: 'publish the awards: announcements, certificates, prize list',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { switches: ['json', 'force'] });
    const [campId, ...extra] = positional;
    if (!campId || extra.length > 0) throw new UsageError('expected exactly one <camp-id>');
    const config = readConfig(process.env, { requireApp: false });
    return withStore(async (store) => {
      const deps = { db: store, certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl };
      const { publicationId, result, queued } = await publishAwards(deps, campId, { by: 'cli', force: flags.force === true, now: Date.now() });
      if (flags.json) {
        io.out(JSON.stringify({ asOf: result.asOf, winners: result.winners.map(winnerJson), warnings: result.warnings }, null, 2));
        return 0;
      }
      const replaced = result.supersedes ? `，取代 #${result.supersedes}` : '';
      io.out(`已发布 #${publicationId}${replaced}：${result.winners.length} 人次获奖（截至 ${result.asOf}）`);
      for (const line of publishedWinnerLines(result.winners)) io.out(line);
      io.out(`已写入发件箱：${queued.announcements} 条群公告、${queued.winnerNotices} 份证书、${queued.adminMessages ? '行政名单 1 份' : '无行政名单'}（由 camp-bot serve 发送）`);
      for (const warning of result.warnings) io.out(`⚠️ ${warning}`);
      return 0;
    });
  },
};
