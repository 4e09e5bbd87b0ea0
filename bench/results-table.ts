import { cpus, loadavg, totalmem } from 'node:os';
import type { BareRun, CallbackRun } from './callbacks.js';
import type { CommandBench } from './commands.js';
import type { LoadResult } from './load.js';
import type { ScoringBenchResult } from './scoring.js';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  camp2000: CallbackRun;
  camp100: CallbackRun;
  bare2000: BareRun;
  bare100: BareRun;
  commands: CommandBench;
  scoring: ScoringBenchResult;
  loadBefore: number[];
}

type Check = [what: string, measured: string, target: string, ok: boolean];

function loadRow(name: string, load: LoadResult, rssMb: number, ledger: string): string {
  const failures = `${load.non2xx} / ${load.errors} (${load.timeouts})`;
  return `| ${name} | ${load.connections} | ${load.ok} | ${load.perSecond} | ${load.p50} | ${load.p99} | ${load.max} | ${failures} | ${rssMb} | ${ledger} |`;
}

function ledgerText(run: CallbackRun): string {
  const { processed, submissions, chainOk } = run.server;
  return `${run.ledgerOk ? 'ok' : 'MISMATCH'}: ${processed} processed, ${submissions} submissions, chain ${chainOk ? 'ok' : 'BROKEN'}`;
}

function checks(r: BenchResults): Check[] {
  const c2 = r.camp2000.load;
  const ratio = c2.perSecond / Math.max(1, r.bare2000.load.perSecond);
  // autocannon counts timeouts among errors.
  const failures = (load: LoadResult) => load.non2xx + load.errors;
  const [me, rank] = r.commands.runs;
  return [
    ['callbacks/s at 2,000 connections', `${c2.perSecond}/s`, '≥ 3,000/s', c2.perSecond >= 3000],
    ['errors + timeouts at 2,000 connections', String(failures(c2)), '0', failures(c2) === 0],
    ['p99 at 2,000 connections', `${c2.p99} ms`, '< 3,000 ms', c2.p99 < 3000],
    ['p99 at 100 connections', `${r.camp100.load.p99} ms`, '< 50 ms', r.camp100.load.p99 < 50],
    ['share of bare Koa throughput (2,000 conn.)', `${(ratio * 100).toFixed(2)}%`, '≥ 40%', ratio >= 0.4],
    ['every acknowledged message in the ledger once', `${r.camp2000.ledgerOk && r.camp100.ledgerOk ? 'yes' : 'NO'}`, 'yes', r.camp2000.ledgerOk && r.camp100.ledgerOk],
    ['`/me` p99 (2,000 learners, 200,000 events)', `${me!.load.p99} ms (p50 ${me!.load.p50}, first ${me!.coldMs})`, '< 50 ms', me!.load.p99 < 50],
    ['`/rank` p99 (2,000 learners, 200,000 events)', `${rank!.load.p99} ms (p50 ${rank!.load.p50}, first ${rank!.coldMs})`, '< 50 ms', rank!.load.p99 < 50],
    ['scoring, 100,000 learners, 2,000,000 events', `${r.scoring.ms} ms`, '< 2,000 ms', r.scoring.ms < 2000],
    ['scoring peak RSS', `${r.scoring.rssMb} MB`, '< 300 MB', r.scoring.rssMb < 300],
  ];
}

/** The markdown report: machine, load runs, then each SPEC §9 target with PASS or MISS. */
export function renderResults(r: BenchResults): string {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  return [
    `Machine: ${machine}; load average before the run ${r.loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${loadavg().map((n) => n.toFixed(2)).join(' ')}.`,
    '',
    '| load run (signed, encrypted app callbacks) | conn. | 2xx | msgs/s | p50 ms | p99 ms | max ms | non-2xx / errors (of which timeouts) | server RSS MB | ledger |',
    '|---|---|---|---|---|---|---|---|---|---|',
    loadRow('camp-bot `/submit` (WAL file db)', r.camp2000.load, r.camp2000.server.peakRssMb, ledgerText(r.camp2000)),
    loadRow('bare Koa, no work', r.bare2000.load, r.bare2000.rssMb, '—'),
    loadRow('camp-bot `/submit` (WAL file db)', r.camp100.load, r.camp100.server.peakRssMb, ledgerText(r.camp100)),
    loadRow('bare Koa, no work', r.bare100.load, r.bare100.rssMb, '—'),
    ...r.commands.runs.map((run) => loadRow(`\`${run.command}\` (first call ${run.coldMs} ms)`, run.load, r.commands.rssMb, '—')),
    '',
    `Scoring: ${r.scoring.learners} learners, ${r.scoring.events} events → standings + awards in ${r.scoring.ms} ms, peak RSS ${r.scoring.rssMb} MB, ${r.scoring.winners} winners.`,
    '',
    '| target (SPEC §9) | measured | target | result |',
    '|---|---|---|---|',
    ...checks(r).map(([what, measured, target, ok]) => `| ${what} | ${measured} | ${target} | ${ok ? 'PASS' : 'MISS'} |`),
  ].join('\n');
}

/** True when every target was met. */
export function allTargetsMet(r: BenchResults): boolean {
  return checks(r).every(([, , , ok]) => ok);
}
