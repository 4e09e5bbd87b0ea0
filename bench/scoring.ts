import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/db/open-store.js';
import { previewAwards } from '../src/db/preview-awards.js';
import { freshPostgresSchema } from '../test/support/test-store.js';
import { copyIntoPostgres } from './copy-into-postgres.js';
import { machineBusyMs, warmPageCache } from './machine-cpu.js';
import { buildBenchCampFile } from './scoring-fixture.js';

export const LIMIT_MS = 2_000;
/** SPEC-free target the storage issue set for PostgreSQL (the server does part of the work, over loopback). */
export const POSTGRES_LIMIT_MS = 3_000;
export const LIMIT_RSS_MB = 300;

/** One timed run, in a fresh process. */
export interface ScoringRun {
  ms: number;
  /** CPU time of the process (both threads), which contention does not change. */
  cpuMs: number;
  /** CPU time the rest of the machine used meanwhile (null off Linux): what a slow run competed with. */
  othersCpuMs: number | null;
  /** Read from disk during the run (0 when the database was in the page cache). */
  diskReadMb: number;
  rssMb: number;
}

export interface ScoringBenchResult {
  /** The median run's time; the target holds when it is met. */
  ms: number;
  /** The highest peak RSS of the runs. */
  rssMb: number;
  runs: ScoringRun[];
  learners: number;
  events: number;
  winners: number;
  /** Building the SQLite fixture, and copying it into PostgreSQL (null on SQLite), in ms. */
  fixture: { buildMs: number; copyMs: number | null };
}

/** Timed runs: the median is reported, and every run is listed. */
const RUNS = 3;

/**
 * Peak RSS of this process in bytes: Linux's VmHWM (per address space, so a forked child does not inherit its
 * parent's peak the way getrusage's maxRSS does), else maxRSS.
 */
function highWaterRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** `file` is a SQLite file, or a `postgres://` URL. */
function storeAt(where: string) {
  return openStore(/^postgres/.test(where) ? { databaseUrl: where, dbFile: ':memory:', migrations: false, maxConnections: 8 } : { dbFile: where, migrations: false });
}

/** Runs in a fresh process so its peak RSS is the scoring run's alone, not the fixture build's. */
async function measure(where: string): Promise<void> {
  const store = await storeAt(where);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const [cpu, usage, busy] = [process.cpuUsage(), process.resourceUsage(), machineBusyMs()];
  const started = performance.now();
  const preview = await previewAwards(store, 'bench', Date.parse('2026-12-04T10:00:00Z'));
  const ms = performance.now() - started;
  const [cpuAfter, usageAfter, busyAfter] = [process.cpuUsage(cpu), process.resourceUsage(), machineBusyMs()];
  clearInterval(sampler);
  // The sampler cannot see inside synchronous stretches of the run; the kernel's high-water mark can.
  peak = Math.max(peak, process.memoryUsage().rss, highWaterRss());
  await store.close();
  const cpuMs = (cpuAfter.user + cpuAfter.system) / 1000;
  const run: ScoringRun = {
    ms, cpuMs, othersCpuMs: busy === null || busyAfter === null ? null : Math.max(0, busyAfter - busy - cpuMs),
    // fsRead counts 512-byte blocks read from storage.
    diskReadMb: ((usageAfter.fsRead - usage.fsRead) * 512) / 2 ** 20, rssMb: peak / 1024 / 1024,
  };
  const result = { run, winners: preview.winners.length, rows: preview.standings.rows.length };
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
}

type ChildResult = { run: ScoringRun; winners: number; rows: number };

function runChild(file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', file], { execArgv: ['--import', 'tsx'] });
    child.once('message', (message) => resolve(message as ChildResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`scoring bench child exited ${code}`)));
  });
}

/**
 * Builds a camp of `learners` learners and `events` events in a temp SQLite file, then times standings plus every
 * award (what `awards preview` computes) in fresh processes, each with its peak RSS, CPU time, what the rest of the
 * machine used meanwhile and what it read from disk. The work is ~1.9 s of CPU split over two threads, so the time is
 * ~1.1 s only with both cores free: runs are repeated and the median reported, and the database is read into the
 * page cache before each run, so that a run measures scoring, not the disk. With `postgresServer` (a `postgres://`
 * URL), the camp is copied by `db copy` into a fresh schema there, the runs read it from PostgreSQL, and the schema
 * is dropped after.
 */
export async function runScoringBench(learners = 100_000, events = 2_000_000, postgresServer: string | null = null): Promise<ScoringBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-'));
  const schema = postgresServer ? await freshPostgresSchema(postgresServer, 'bench') : null;
  try {
    const file = join(dir, 'bench.db');
    const built = performance.now();
    await buildBenchCampFile(file, learners, events);
    const buildMs = Math.round(performance.now() - built);
    process.stderr.write(`scoring bench: built ${learners} learners, ${events} events in ${buildMs} ms\n`);
    const copyMs = schema ? await copyIntoPostgres(file, schema.url) : null;
    if (copyMs !== null) process.stderr.write(`scoring bench: copied into PostgreSQL in ${copyMs} ms\n`);
    const results: ChildResult[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      if (!schema) warmPageCache(file);
      results.push(await runChild(schema?.url ?? file));
    }
    const bad = results.find((result) => result.rows !== learners);
    if (bad) throw new Error(`expected ${learners} standing rows, got ${bad.rows}`);
    const runs = results.map(({ run }) => run);
    const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    const fixture = { buildMs, copyMs };
    return { ms: Math.round(median.ms), rssMb: Math.round(Math.max(...runs.map((run) => run.rssMb))), runs, learners, events, winners: results[0]!.winners, fixture };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  }
}

/** One line per run: time, CPU, the rest of the machine's CPU meanwhile, disk reads. */
export function describeScoringRuns(runs: readonly ScoringRun[]): string {
  return runs.map((run, i) => {
    const others = run.othersCpuMs === null ? '' : `, rest of the machine ${Math.round(run.othersCpuMs)} ms CPU`;
    return `  run ${i + 1}: ${Math.round(run.ms)} ms (CPU ${Math.round(run.cpuMs)} ms${others}, ${run.diskReadMb.toFixed(1)} MB read from disk)`;
  }).join('\n');
}

async function cli(): Promise<void> {
  if (process.argv[2] === '--measure') return measure(process.argv[3]!);
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? null;
  const result = await runScoringBench(100_000, 2_000_000, postgresUrl);
  const limit = postgresUrl ? POSTGRES_LIMIT_MS : LIMIT_MS;
  const ok = result.ms <= limit && result.rssMb <= LIMIT_RSS_MB;
  console.log(`scoring: ${result.learners} learners, ${result.events} events → standings + awards in ${result.ms} ms (median), ` +
    `peak RSS ${result.rssMb} MB, ${result.winners} winners (limits ${limit} ms, ${LIMIT_RSS_MB} MB) ${ok ? 'OK' : 'FAIL'}`);
  console.log(describeScoringRuns(result.runs));
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await cli();
