#!/usr/bin/env node
// Runs the TypeScript sources through tsx so a fresh checkout needs no build step.
import { register } from 'tsx/esm/api';

// `camp-bot standings --json | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
