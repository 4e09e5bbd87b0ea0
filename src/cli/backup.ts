import { existsSync } from 'node:fs';
import { backupDatabase } from '../db/backup-database.js';
import { UsageError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { withStore } from './with-store.js';

export const backupCommand: CliCommand = {
  path: ['backup'],
  usage: 'backup <file>',
  summary: 'an online, consistent copy of the database (a SQLite file, also from PostgreSQL)',
  async run(args, io) {
    const [file] = args;
    if (!file || args.length > 1) throw new UsageError('backup takes one file name');
    if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name`);
    await withStore((store) => backupDatabase(store, file));
    io.out(`备份完成：${file}`);
    return 0;
  },
};
