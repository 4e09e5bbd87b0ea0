import { readFile } from 'node:fs/promises';
import { parseCampFile } from '../camp/parse-camp-file.js';
import { ValidationError, UsageError } from '../errors.js';
import { saveCamp, type CampChanges } from '../db/camp-store.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { parseFlags } from './parse-flags.js';

const ROLE_LABEL = { learner: '学员', trainer: '培训老师', manager: '部门负责人', admin: '行政' } as const;

function show(value: unknown): string {
  return value === undefined ? '（无）' : JSON.stringify(value);
}

/** Chinese-first lines describing what `saveCamp` changed. */
export function describeCampChanges(campId: string, name: string, changes: CampChanges): string[] {
  const lines = [changes.created ? `已创建训练营 ${campId}（${name}）` : `已更新训练营 ${campId}（${name}）`];
  for (const change of changes.changed) lines.push(`  修改 ${change.path}: ${show(change.before)} → ${show(change.after)}`);
  for (const m of changes.membersAdded) lines.push(`  新增${ROLE_LABEL[m.role]} ${m.userid}`);
  for (const m of changes.membersRemoved) lines.push(`  移除${ROLE_LABEL[m.role]} ${m.userid}`);
  for (const chat of changes.chatsAdded) lines.push(`  绑定群聊 ${chat}`);
  for (const chat of changes.chatsUpdated) lines.push(`  更新群聊 ${chat}`);
  const nothing = !changes.created && lines.length === 1;
  if (nothing) lines.push('  没有变化（no changes）');
  return lines;
}

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
    const database = openConfiguredDatabase();
    try {
      const changes = saveCamp(database.sqlite, config, Date.now());
      for (const line of describeCampChanges(config.id, config.name, changes)) io.out(line);
      return 0;
    } finally {
      database.close();
    }
  },
};
