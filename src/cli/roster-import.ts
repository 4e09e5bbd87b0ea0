import { UsageError } from '../errors.js';
import { requireCamp } from '../db/camp-standings.js';
import { importRoster } from '../db/roster-store.js';
import { parseRoster } from '../import/parse-roster.js';
import { readTableFile } from '../import/read-table-file.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

export const rosterImportCommand: CliCommand = {
  path: ['roster', 'import'],
  usage: 'roster import <camp-id> <file.csv|xlsx>',
  summary: 'import learners, trainers, managers and admins',
  async run(args: string[], io: CliIo) {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 2) throw new UsageError('需要营 id 和名单文件');
    const [campId, file] = positional as [string, string];
    const rows = parseRoster(await readTableFile(file));
    return withStore(async (store) => {
      await requireCamp(store, campId);
      const result = await importRoster(store, campId, rows);
      io.out(`名单已导入 ${campId}：${rows.length} 行，新增 ${result.peopleAdded} 人、更新 ${result.peopleUpdated} 人；` +
        `新增角色 ${result.membersAdded} 个、团队变更 ${result.membersUpdated} 个`);
      return 0;
    });
  },
};
