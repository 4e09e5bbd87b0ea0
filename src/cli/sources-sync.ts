import { requireCamp } from '../db/camp-standings.js';
import { UsageError } from '../errors.js';
import { outcomeLine } from '../sources/outcome-line.js';
import { syncCampSources, wasRead } from '../sources/sync-camp-sources.js';
import type { CliCommand } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { wecomClientFromEnv } from './wecom-client-from-env.js';
import { withStore } from './with-store.js';

// The client's retries are worth seeing (a slow WeCom looks like a hang otherwise); its refusal lines are not, the
// outcome line says the same with the source's name.
const RETRY_LINE = /attempt \d+\/\d+/;

export const sourcesSyncCommand: CliCommand = {
  path: ['sources', 'sync'],
  usage: 'sources sync <camp-id>',
  summary: 'pull the camp\'s WeCom live lessons and meetings now',
  async run(args, io) {
    const { positional } = parseFlags(args, {});
    const [campId, ...extra] = positional;
    if (!campId || extra.length > 0) throw new UsageError('expected exactly one <camp-id>');
    const client = wecomClientFromEnv(process.env, (line) => RETRY_LINE.test(line) && io.err(line));
    return withStore(async (store) => {
      const camp = await requireCamp(store, campId);
      const outcomes = await syncCampSources({ db: store, client }, campId);
      if (outcomes.length === 0) io.out(`训练营 ${campId} 没有数据源（营地文件 sources，或 /session open <名称> 会议）`);
      for (const outcome of outcomes) {
        if (wasRead(outcome)) io.out(outcomeLine(outcome, camp.timezone));
        else io.err(`camp-bot: ${outcomeLine(outcome, camp.timezone)}`);
      }
      return outcomes.every(wasRead) ? 0 : 1;
    });
  },
};
