import type Sqlite from 'better-sqlite3';
import type { InboundMessage, Reply } from '../bot/inbound-message.js';
import type { CommandSpec, CommandUser } from '../commands/command-spec.js';
import { findCommand } from '../commands/find-command.js';
import { forbiddenReply, mayRun } from '../commands/permissions.js';
import { prepared } from '../db/prepared.js';
import { runInTransaction } from '../db/run-in-transaction.js';
import { UsageError } from '../errors.js';
import { fitReply } from './fit-reply.js';
import { baseContext, campContext, type ContextInput } from './command-context.js';
import { resolveCamp } from './resolve-camp.js';
import type { StandingsCache } from './standings-cache.js';

export interface CommandDeps {
  sqlite: Sqlite.Database;
  commands: readonly CommandSpec[];
  standings: StandingsCache;
  log: (line: string) => void;
}

function displayName(sqlite: Sqlite.Database, message: InboundMessage): string {
  const row = prepared<[string], { name: string }>(sqlite, 'SELECT name FROM people WHERE userid = ?').get(message.from.userid);
  return row?.name ?? message.from.name ?? message.from.userid;
}

function toReply(answer: Reply | string): Reply {
  return fitReply(typeof answer === 'string' ? { text: answer } : answer);
}

/** Runs the handler in a savepoint: a UsageError (or any failure) rolls back whatever it recorded. */
function runIsolated(deps: CommandDeps, spec: CommandSpec, run: () => Reply | string, where: string): Reply {
  try {
    return toReply(runInTransaction(deps.sqlite, run));
  } catch (error) {
    if (error instanceof UsageError) return { text: `${error.message}。用法：${error.usage ?? spec.usage}` };
    deps.log(`command /${spec.name} ${where} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { text: '抱歉，处理这条命令时出错了，本次未做任何更改。请稍后再试或联系培训老师' };
  }
}

/**
 * Answers one command message: finds the command, resolves the camp and the asker's roles, refuses what the roles do
 * not allow (a command that also works without a camp checks that itself), and runs the handler so that a misuse
 * changes nothing. Call inside the message's transaction.
 * @example runCommand(deps, message, ['我的'], Date.now()) // { text: '张三（A组）综合分 78.25，第 3 / 50 名…' }
 */
export function runCommand(deps: CommandDeps, message: InboundMessage, words: string[], now: number): Reply {
  const match = findCommand(words, deps.commands);
  if (!match) {
    const word = words[0] ? `「/${words[0]}」` : '';
    return { text: `没有这个命令${word}，发送 /帮助 查看可用命令` };
  }
  const { spec } = match;
  const resolution = resolveCamp(deps.sqlite, message, match.args, now, spec.aliases[0] ?? spec.name);
  const user: CommandUser = { userid: message.from.userid, name: displayName(deps.sqlite, message), roles: resolution.roles };
  const input: ContextInput = { sqlite: deps.sqlite, message, now, user, commands: deps.commands };
  const where = `from ${user.userid} (${message.channel} ${message.msgId})`;
  if (resolution.kind === 'none') {
    if (spec.needsCamp !== false) return { text: resolution.reason };
    return runIsolated(deps, spec, () => spec.run(baseContext(input), match.args), where);
  }
  if (spec.needsCamp !== false && !mayRun(spec, resolution.roles)) return { text: forbiddenReply(spec) };
  const ctx = campContext(input, resolution.campId, resolution.camp, deps.standings);
  return runIsolated(deps, spec, () => spec.run(ctx, resolution.args), where);
}
