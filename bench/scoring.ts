import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/open-database.js';
import { previewAwards } from '../src/db/preview-awards.js';
import { buildBenchCamp } from './scoring-fixture.js';

export const LIMIT_MS = 2_000;
export const LIMIT_RSS_MB = 300;

export interface ScoringBenchResult {
  ms: number;
  rssMb: number;
  learners: number;
  events: number;
  winners: number;
}

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

/** Runs in a fresh process so its peak RSS is the scoring run's alone, not the fixture build's. */
function measure(file: string): void {
  const database = openDatabase(file, { migrations: false });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const preview = previewAwards(database.sqlite, 'bench', Date.parse('2026-12-04T10:00:00Z'));
  const ms = performance.now() - started;
  clearInterval(sampler);
  // The run is synchronous, so the sampler cannot see inside it; the kernel's high-water mark can.
  peak = Math.max(peak, process.memoryUsage().rss, highWaterRss());
  database.close();
  const result = { ms, rssMb: peak / 1024 / 1024, winners: preview.winners.length, rows: preview.standings.rows.length };
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
}

function runChild(file: string): Promise<{ ms: number; rssMb: number; winners: number; rows: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', file], { execArgv: ['--import', 'tsx'] });
    child.once('message', (message) => resolve(message as { ms: number; rssMb: number; winners: number; rows: number }));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`scoring bench child exited ${code}`)));
  });
}

/**
 * Builds a camp of `learners` learners and `events` events in a temp SQLite file, then times standings plus every
 * award (what `awards preview` computes) in a fresh process, with its peak RSS.
 */
export async function runScoringBench(learners = 100_000, events = 2_000_000): Promise<ScoringBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-'));
  try {
    const file = join(dir, 'bench.db');
    const database = openDatabase(file);
    // Only the fixture build: a big page cache and no fsync make the 2M-row insert minutes faster.
    database.sqlite.pragma('cache_size = -400000');
    database.sqlite.pragma('synchronous = OFF');
    const built = performance.now();
    buildBenchCamp(database.sqlite, learners, events);
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    process.stderr.write(`scoring bench: built ${learners} learners, ${events} events in ${Math.round(performance.now() - built)} ms\n`);
    const run = await runChild(file);
    if (run.rows !== learners) throw new Error(`expected ${learners} standing rows, got ${run.rows}`);
    return { ms: Math.round(run.ms), rssMb: Math.round(run.rssMb), learners, events, winners: run.winners };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cli(): Promise<void> {
  if (process.argv[2] === '--measure') return measure(process.argv[3]!);
  const result = await runScoringBench();
  const ok = result.ms <= LIMIT_MS && result.rssMb <= LIMIT_RSS_MB;
  console.log(`scoring: ${result.learners} learners, ${result.events} events → standings + awards in ${result.ms} ms, ` +
    `peak RSS ${result.rssMb} MB, ${result.winners} winners (limits ${LIMIT_MS} ms, ${LIMIT_RSS_MB} MB) ${ok ? 'OK' : 'FAIL'}`);
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await cli();
