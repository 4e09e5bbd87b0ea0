import { ConfigError, UsageError, ValidationError } from '../errors.js';
import { loadEnvFile } from '../config.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { commands } from './commands.js';

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
};

/** Finds the command whose path is the longest prefix of args. */
function match(args: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of commands) {
    const fits = command.path.every((word, i) => args[i] === word);
    if (fits && (!best || command.path.length > best.path.length)) best = command;
  }
  return best ? { command: best, rest: args.slice(best.path.length) } : null;
}

function usage(): string {
  return ['usage: camp-bot <command>', '', ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`)].join('\n');
}

/**
 * Runs one CLI invocation and returns the exit code: 0 success, 1 user error (one line, no stack), 2 bad usage.
 * @example process.exitCode = await main(['standings', 'ai-2026q4', '--json']);
 */
export async function main(args: string[], io: CliIo = defaultIo): Promise<number> {
  loadEnvFile();
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h') {
    io.out(usage());
    return args.length === 0 ? 2 : 0;
  }
  const found = match(args);
  if (!found) {
    io.err(`camp-bot: unknown command "${args.join(' ')}"\n${usage()}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    return reportError(error, found.command, io);
  }
}

function reportError(error: unknown, command: CliCommand, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`camp-bot: ${error.message}\nusage: camp-bot ${command.usage}`);
    return 2;
  }
  if (error instanceof ValidationError) {
    io.err(`camp-bot: ${error.message}`);
    for (const problem of error.problems) if (problem !== error.message) io.err(`  ${problem}`);
    return 1;
  }
  if (error instanceof ConfigError) {
    io.err(`camp-bot: ${error.message}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`camp-bot: ${message.split('\n')[0]}`);
  return 1;
}
