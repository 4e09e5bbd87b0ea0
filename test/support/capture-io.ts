import type { CliIo } from '../../src/cli/cli-command.js';

/** A CliIo that keeps what a command printed. */
export function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTty: false, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}
