/**
 * The real `camp-bot` binary as an operator runs it, for the reliability tests: CLI commands against a temp database,
 * and `camp-bot serve` as a child process that can be killed with SIGKILL and started again on the same file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_KEYS, BOT_KEYS, CORP_ID, ROSTER } from '../support/camp-fixture.js';

const BIN = fileURLToPath(new URL('../../bin/camp-bot.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHIFT_CLOCK = fileURLToPath(new URL('./shift-clock.mjs', import.meta.url));

/** The environment of a camp-bot on loopback with the fixture's keys, `dbFile` and the given WeCom API base. */
export function campBotEnv(dbFile: string, apiBase: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    PORT: '0',
    DB_FILE: dbFile,
    WECOM_CORP_ID: CORP_ID,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'reliability-secret',
    WECOM_TOKEN: APP_KEYS.token,
    WECOM_ENCODING_AES_KEY: APP_KEYS.encodingAesKey,
    WECOM_BOT_TOKEN: BOT_KEYS.token,
    WECOM_BOT_ENCODING_AES_KEY: BOT_KEYS.encodingAesKey,
    WECOM_API_BASE: apiBase,
    CERT_SECRET: 'reliability-cert-secret',
  };
}

/** Runs `camp-bot <args>` to completion; resolves with its exit code, output and peak RSS (Linux; 0 elsewhere). */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    // The kernel's high-water mark only grows, so the last reading before exit is the peak (within 100 ms of growth).
    let peakKb = 0;
    const sample = setInterval(() => (peakKb = Math.max(peakKb, highWaterKb(child.pid))), 100);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => {
      clearInterval(sample);
      reject(error);
    });
    child.once('close', (code) => {
      clearInterval(sample);
      resolve({ code: code ?? -1, stdout, stderr, peakRssMb: Math.round(peakKb / 1024) });
    });
  });
}

/** VmHWM of a live process in KB (0 once it has exited, or where /proc does not exist). */
function highWaterKb(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Writes the fixture roster as the CSV `camp-bot roster import` reads. */
export function writeRosterCsv(dir: string): string {
  const file = join(dir, 'roster.csv');
  const lines = ROSTER.map((r) => [r.userid, r.name, r.department ?? '', r.team ?? '', r.role, r.joined ?? ''].join(','));
  writeFileSync(file, ['userid,name,department,team,role,joined', ...lines].join('\n') + '\n');
  return file;
}

/** A running `camp-bot serve`. */
export interface ServeProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Spawns `camp-bot serve` and resolves once `/healthz` answers 200. With `clockShiftMs`, the process's `Date.now`
 * runs that far ahead (a restart "later", e.g. after a dead process's outbox lease expired).
 */
export async function startServe(env: NodeJS.ProcessEnv, clockShiftMs = 0): Promise<ServeProcess> {
  const args = clockShiftMs === 0 ? [BIN, 'serve'] : ['--import', SHIFT_CLOCK, BIN, 'serve'];
  const childEnv = { ...env, CLOCK_SHIFT_MS: String(clockShiftMs) };
  const child = spawn(process.execPath, args, { env: childEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`camp-bot serve exited with ${code}: ${stderr}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const health = await fetch(`${baseUrl}/healthz`);
  if (health.status !== 200) throw new Error(`healthz answered ${health.status}`);
  return {
    baseUrl,
    child,
    log: () => stderr,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
