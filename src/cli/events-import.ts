import { requireCamp } from '../db/camp-standings.js';
import { UsageError } from '../errors.js';
import { importEventsFile } from '../import/import-events-file.js';
import type { Progress } from '../import/import-result.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

const STAGES = { checked: '校验', written: '写入' } as const;

export const eventsImportCommand: CliCommand = {
  path: ['events', 'import'],
  usage: 'events import <camp-id> <file.csv|jsonl>',
  summary: 'import evidence rows or a chat archive (all or nothing)',
  async run(args: string[], io: CliIo) {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 2) throw new UsageError('需要营 id 和事件文件');
    const [campId, file] = positional as [string, string];
    return withStore(async (store) => {
      const camp = await requireCamp(store, campId);
      const progress: Progress | undefined = io.isTty ? (stage, rows) => io.err(`  已${STAGES[stage]} ${rows} 行…`) : undefined;
      const result = await importEventsFile(store, camp, file, Date.now(), progress);
      const skipped = result.skipped > 0 ? `，${result.skipped} 条不计（非本营学员、未绑定群聊或不满足参与规则）` : '';
      io.out(`已导入 ${campId}：新记录 ${result.recorded} 条，已存在 ${result.duplicates} 条${skipped}`);
      return 0;
    });
  },
};
