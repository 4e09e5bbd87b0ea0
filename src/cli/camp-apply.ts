import { readFile } from 'node:fs/promises';
import { parseCampFile } from '../camp/parse-camp-file.js';
import { ValidationError, UsageError } from '../errors.js';
import { saveCamp } from '../db/camp-store.js';
import { describeCampChanges } from '../report/camp-changes-text.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

async function readCampFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new ValidationError(`无法读取营地文件 ${file}`);
  }
}

export const campApplyCommand: CliCommand = {
  path: ['camp', 'apply'],
  usage: 'camp apply <camp.yaml>',
  summary: 'create or update a camp from its file',
  async run(args: string[], io: CliIo) {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 1) throw new UsageError('需要一个营地文件（camp.yaml）');
    const text = await readCampFile(positional[0]!);
    let config;
    try {
      config = parseCampFile(text, { defaultTimezone: process.env.CAMP_TIMEZONE?.trim() || undefined });
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(`营地文件有 ${error.problems.length} 处错误，未做任何修改`, error.problems);
      throw error;
    }
    return withStore(async (store) => {
      const changes = await saveCamp(store, config, Date.now(), text);
      for (const line of describeCampChanges(config.id, config.name, changes)) io.out(line);
      return 0;
    });
  },
};
