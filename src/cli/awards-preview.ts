import { transaction } from '../db/db.js';
import { previewAwards } from '../db/preview-awards.js';
import { UsageError } from '../errors.js';
import { sendPreviewToTrainers } from '../publication/send-preview-to-trainers.js';
import { awardsJson } from '../report/awards-json.js';
import { awardsListing } from '../report/awards-listing.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { campAt } from './parse-at.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const awardsPreviewCommand: CliCommand = {
  path: ['awards', 'preview'],
  usage: 'awards preview <camp-id> [--json] [--at <ISO time>]',
  summary: 'compute the awards and send the draft to the trainers',
  async run(args: string[], io: CliIo) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    if (positional.length !== 1) throw new UsageError('需要营 id');
    return withStore(async (store) => {
      const { config, asOf } = await campAt(store, positional[0]!, flags.at);
      const preview = await previewAwards(store, config.id, asOf);
      const key = `preview:cli:${config.id}:${preview.asOf}`;
      const sent = await transaction(store, (tx) => sendPreviewToTrainers(tx, preview, key, Date.now()));
      io.err(`草稿已排入发件箱，由运行中的 camp-bot serve 私信给 ${sent} 位培训老师`);
      if (flags.json) io.out(JSON.stringify(awardsJson(preview), null, 2));
      else for (const line of awardsListing(preview)) io.out(line);
      return 0;
    });
  },
};
