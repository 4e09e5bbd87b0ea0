import { currentPublication } from '../db/publication-store.js';
import { UsageError, ValidationError } from '../errors.js';
import { winnerJson } from '../report/awards-json.js';
import { publishedWinnerLines } from '../report/awards-listing.js';
import type { CliCommand } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const awardsShowCommand: CliCommand = {
  path: ['awards', 'show'],
  usage: 'awards show <camp-id> [--json]',
  summary: 'the published awards, with certificate codes',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { switches: ['json'] });
    const [campId, ...extra] = positional;
    if (!campId || extra.length > 0) throw new UsageError('expected exactly one <camp-id>');
    return withStore(async (store) => {
      const publication = await currentPublication(store, campId);
      if (!publication) throw new ValidationError(`${campId} 还没有发布获奖结果（camp-bot awards publish ${campId}）`);
      const { result } = publication;
      if (flags.json) {
        const winners = result.winners.map((w) => ({ ...winnerJson(w), certificate: w.certificate }));
        io.out(JSON.stringify({ asOf: result.asOf, winners, warnings: result.warnings }, null, 2));
        return 0;
      }
      io.out(`${result.campName} 发布 #${publication.id}（${new Date(publication.publishedAt).toISOString()}，${publication.publishedBy}）`);
      for (const line of publishedWinnerLines(result.winners)) io.out(line);
      return 0;
    });
  },
};
