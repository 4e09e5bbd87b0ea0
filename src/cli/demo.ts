import { UsageError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { parseFlags } from './parse-flags.js';

const DEFAULTS = { out: './demo-out', learners: 200, seed: 2026, concurrency: 16 };

function wholeNumber(value: string | true | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * `camp-bot demo [--out <dir>] [--learners N] [--seed N] [--concurrency N] [--long-connection]` (SPEC §10): the whole
 * product on loopback, no credentials needed; `--long-connection` plays the AI bot's group chat over the long connection. Exit 0 once the awards are published and the files written.
 */
export const demoCommand: CliCommand = {
  path: ['demo'],
  usage: 'demo [--out <dir>] [--learners N] [--seed N] [--concurrency N] [--long-connection]',
  summary: 'play a compressed sample camp end to end on loopback (writes ./demo-out/)',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['out', 'learners', 'seed', 'concurrency'], switches: ['long-connection'] });
    if (positional.length > 0) throw new UsageError('demo takes only flags');
    if (flags.out === true || flags.out === '') throw new UsageError('--out needs a folder');
    const options = {
      outDir: typeof flags.out === 'string' ? flags.out : DEFAULTS.out,
      learners: wholeNumber(flags.learners, 'learners', DEFAULTS.learners, 10, 2000),
      seed: wholeNumber(flags.seed, 'seed', DEFAULTS.seed, 0, 2 ** 31),
      concurrency: wholeNumber(flags.concurrency, 'concurrency', DEFAULTS.concurrency, 1, 256),
      longConnection: flags['long-connection'] === true,
      io,
    };
    // Loaded on use: the demo brings the fake WeCom (src/fake-wecom), which must stay out of `serve`'s module graph.
    const { runDemo } = await import('../demo/run-demo.js');
    const summary = await runDemo(options);
    return summary.winners.length > 0 && summary.undelivered === 0 ? 0 : 1;
  },
};
