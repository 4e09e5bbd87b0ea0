import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDbFile } from '../support/temp-db-file.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/camp-bot.js', import.meta.url));
const EXAMPLE = parse(readFileSync(new URL('../../.env.example', import.meta.url)));

/** Runs `camp-bot serve` with `env`; resolves with the port it listens on, or the exit code and stderr if it stops. */
function serve(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  let stderr = '';
  const started = new Promise<{ port: number } | { code: number; stderr: string }>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const port = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr)?.[1];
      if (port) resolve({ port: Number(port) });
    });
    child.once('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
  const stopped = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  return { child, started, stopped, stderr: () => stderr };
}

describe('camp-bot serve', () => {
  let temp: ReturnType<typeof tempDbFile>;
  beforeEach(() => {
    temp = tempDbFile();
  });
  afterEach(() => temp.cleanup());

  it('starts with the .env.example values, answers /healthz and stops cleanly on SIGTERM', async () => {
    const run = serve({ ...EXAMPLE, HOST: '127.0.0.1', PORT: '0', DB_FILE: temp.file });
    const started = await run.started;
    expect(started).toHaveProperty('port');
    const response = await fetch(`http://127.0.0.1:${(started as { port: number }).port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    run.child.kill('SIGTERM');
    expect(await run.stopped).toBe(0);
    expect(run.stderr()).not.toContain(EXAMPLE.WECOM_SECRET!);
  });

  it('stops at start-up with one line naming a missing key', async () => {
    const run = serve({ ...EXAMPLE, WECOM_CORP_ID: '', PORT: '0', DB_FILE: temp.file });
    expect(await run.started).toEqual({ code: 1, stderr: 'camp-bot: WECOM_CORP_ID is required (see .env.example)\n' });
  });

  it('stops at start-up naming a malformed key', async () => {
    const run = serve({ ...EXAMPLE, WECOM_ENCODING_AES_KEY: 'short', PORT: '0', DB_FILE: temp.file });
    expect(await run.started).toEqual({ code: 1, stderr: expect.stringMatching(/^camp-bot: WECOM_ENCODING_AES_KEY must be .*\n$/) });
  });
});
