import type { InboundMessage, Reply } from '../bot/inbound-message.js';
import type { CommandSettings, CommandSpec, CommandUser } from '../commands/command-spec.js';
import { findCommand } from '../commands/find-command.js';
import { forbiddenReply, mayRun } from '../commands/permissions.js';
import { transaction, type Db } from '../db/db.js';
import { personName } from '../db/roster-store.js';
import { TransactionAborted, UsageError } from '../errors.js';
import { fitReply } from './fit-reply.js';
import { baseContext, campContext, type ContextInput } from './command-context.js';
import { resolveCamp } from './resolve-camp.js';
import type { StandingsCache } from './standings-cache.js';

export interface CommandDeps {
  commands: readonly CommandSpec[];
  settings: CommandSettings;
  standings: StandingsCache;
  log: (line: string) => void;
}

function toReply(answer: Reply | string): Reply {
  return fitReply(typeof answer === 'string' ? { text: answer } : answer);
}

/** Runs the handler in a savepoint: a UsageError (or any failure) rolls back whatever it recorded. */
async function runIsolated(db: Db, deps: CommandDeps, spec: CommandSpec, run: (tx: Db) => Promise<Reply | string>, where: string): Promise<Reply> {
  try {
    return toReply(await transaction(db, run));
  } catch (error) {
    // The database dropped the whole transaction: the message must fail as a whole (and be tried again).
    if (error instanceof TransactionAborted) throw error;
    if (error instanceof UsageError) return { text: `${error.message}。用法：${error.usage ?? spec.usage}` };
    deps.log(`command /${spec.name} ${where} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { text: '抱歉，处理这条命令时出错了，本次未做任何更改。请稍后再试或联系培训老师' };
  }
}

/**
 * Answers one command message: finds the command, resolves the camp and the asker's roles, refuses what the roles do
 * not allow (a command that also works without a camp checks that itself), and runs the handler so that a misuse
 * changes nothing. Call inside the message's transaction (`db`).
 * @example await runCommand(tx, deps, message, ['我的'], Date.now()) // { text: '张三（A组）综合分 78.25，第 3 / 50 名…' }
 */
export async function runCommand(db: Db, deps: CommandDeps, message: InboundMessage, words: string[], now: number): Promise<Reply> {
  const match = findCommand(words, deps.commands);
  if (!match) {
    const word = words[0] ? `「/${words[0]}」` : '';
    return { text: `没有这个命令${word}，发送 /帮助 查看可用命令` };
  }
  const { spec } = match;
  const resolution = await resolveCamp(db, message, match.args, now, spec.aliases[0] ?? spec.name);
  const name = (await personName(db, message.from.userid)) ?? message.from.name ?? message.from.userid;
  const user: CommandUser = { userid: message.from.userid, name, roles: resolution.roles };
  const input: Omit<ContextInput, 'db'> = { settings: deps.settings, message, now, user, commands: deps.commands };
  const where = `from ${user.userid} (${message.channel} ${message.msgId})`;
  if (resolution.kind === 'none') {
    if (spec.needsCamp !== false) return { text: resolution.reason };
    return runIsolated(db, deps, spec, (tx) => spec.run(baseContext({ ...input, db: tx }), match.args), where);
  }
  if (spec.needsCamp !== false && !mayRun(spec, resolution.roles)) return { text: forbiddenReply(spec) };
  return runIsolated(db, deps, spec, (tx) => {
    const ctx = campContext({ ...input, db: tx }, resolution.campId, resolution.camp, deps.standings);
    return spec.run(ctx, resolution.args);
  }, where);
}
