import type { LineOutput } from '../report/line-output.js';

/** Where a CLI command writes; injectable so tests capture output. */
export type CliIo = LineOutput;

/** One `camp-bot` subcommand. `run` returns the exit code; throw UsageError (exit 2) or ValidationError/ConfigError (exit 1). */
export interface CliCommand {
  /** Words that select it, e.g. ['awards', 'preview']. */
  path: string[];
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
