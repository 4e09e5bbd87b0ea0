import type { CliCommand } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';

export const migrateCommand: CliCommand = {
  path: ['migrate'],
  usage: 'migrate',
  summary: 'apply database migrations',
  async run(_args, io) {
    const database = openConfiguredDatabase();
    database.close();
    io.out('数据库已是最新（migrations applied）');
    return 0;
  },
};
