import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchResults } from './bench-results.js';
import { benchChecks, historyRatios, KIND_NAMES, ratio } from './bench-targets.js';
import type { CallbackRun } from './callbacks.js';
import type { LoadResult } from './load.js';
import { INSTANCES } from './postgres-callbacks.js';
import { POSTGRES_ENV, POSTGRES_HOWTO } from './postgres-bench.js';
import { TRAFFIC_MIX } from './traffic-mix.js';

const n = (value: number): string => value.toLocaleString('en-US');

function loadRow(name: string, load: LoadResult, bare: LoadResult | undefined, rssMb: number | string, ledger: string): string {
  const failures = `${load.non2xx} / ${load.errors} (${load.timeouts})`;
  const share = bare ? `${(ratio(load, bare) * 100).toFixed(1)}%` : '—';
  return `| ${name} | ${load.connections} | ${load.ok} | ${load.perSecond} | ${share} | ${load.p50} | ${load.p99} | ${load.max} | ${failures} | ${rssMb} | ${ledger} |`;
}

function ledgerText(run: CallbackRun): string {
  const { processed, submissions, participation, chainOk, late } = run.server;
  const recorded = [submissions > 0 ? `${submissions} submissions` : '', participation > 0 ? `${participation} counted` : ''].filter(Boolean).join(', ');
  const deadline = late > 0 ? `, ${late} answered at the 4 s deadline (recorded ${run.recordedPerSecond}/s)` : '';
  return `${run.ledgerOk ? 'ok' : 'MISMATCH'}: ${processed} processed, ${recorded || 'nothing recorded'}, chain ${chainOk ? 'ok' : 'BROKEN'}${deadline}`;
}

function loadRows(r: BenchResults): string[] {
  const bare = (connections: number) => r.bare.get(connections)?.load;
  const rows: string[] = [];
  for (const run of r.bare.values()) rows.push(loadRow('bare Koa, no work', run.load, undefined, run.rssMb, '—'));
  for (const run of r.app.values()) rows.push(loadRow('app `/submit` (bench camp)', run.load, bare(run.load.connections), run.server.peakRssMb, ledgerText(run)));
  for (const t of r.traffic) rows.push(loadRow(`${KIND_NAMES[t.kind]}, ${t.camp} camp`, t.run.load, bare(t.run.load.connections), t.run.server.peakRssMb, ledgerText(t.run)));
  for (const run of r.commands?.runs ?? []) rows.push(loadRow(`app \`${run.command}\` (first call ${run.coldMs} ms)`, run.load, undefined, r.commands!.rssMb, '—'));
  if (r.postgres && !r.postgres.skipped) {
    const { run, rssMb } = r.postgres.callbacks;
    rows.push(loadRow('app `/submit` (bench camp), **PostgreSQL, two instances**', run.load, bare(run.load.connections), rssMb.join(' + '), ledgerText(run)));
  }
  return rows;
}

function notes(r: BenchResults): string[] {
  const lines: string[] = [];
  if (r.history) {
    const h = r.history;
    lines.push(`History camp: ${n(h.lines)} chat-archive lines over 30 days from 2,000 learners, ${n(h.counted)} counted, imported by \`camp-bot events import\` in ${n(h.importMs)} ms.`);
  }
  const ratios = historyRatios(r.traffic);
  if (ratios.length > 0) {
    lines.push(`History / empty throughput: ${ratios.map((h) => `${KIND_NAMES[h.kind]} at ${h.connections} conn. ${(h.ratio * 100).toFixed(1)}%`).join('; ')}.`);
  }
  if (r.traffic.some((t) => t.kind === 'mix')) lines.push(`Traffic mix per 100 callbacks: ${TRAFFIC_MIX.map((m) => `${m.per100} ${m.what}`).join(', ')}.`);
  if (r.scoring) {
    const runs = r.scoring.runs.map((run) => `${n(Math.round(run.ms))} ms (CPU ${n(Math.round(run.cpuMs))}${run.othersCpuMs === null ? '' : `, others ${n(Math.round(run.othersCpuMs))}`}, disk ${run.diskReadMb.toFixed(0)} MB)`);
    lines.push(`Scoring: ${n(r.scoring.learners)} learners, ${n(r.scoring.events)} events → standings + awards in ${n(r.scoring.ms)} ms (median; runs ${runs.join(', ')}), ` +
      `peak RSS ${r.scoring.rssMb} MB, ${r.scoring.winners} winners. CPU is both threads of the run; "others" is what the rest of the machine used meanwhile.`);
  }
  lines.push(...postgresNotes(r));
  const i = r.importBeside;
  if (i) {
    lines.push(`Import beside the server: \`events import\` of ${n(i.rows)} CSV rows in ${n(i.importMs)} ms, peak RSS ${n(i.importRssMb)} MB (${i.importSays}) while \`serve\` took paced chatter; ` +
      `\`/healthz\` p50 ${i.healthz.p50} / p99 ${n(i.healthz.p99)} / max ${n(i.healthz.max)} ms over ${n(i.healthz.count)} probes; ` +
      `callbacks p50 ${i.callbacks.p50} / p99 ${n(i.callbacks.p99)} / max ${n(i.callbacks.max)} ms; ${n(i.acked)} acknowledged, ${n(i.recorded)} recorded.`);
  }
  return lines.flatMap((line) => [line, '']);
}

function postgresNotes(r: BenchResults): string[] {
  if (!r.postgres) return [];
  if (r.postgres.skipped) return [`PostgreSQL: skipped, ${POSTGRES_ENV} is not set. To run it: \`${POSTGRES_HOWTO}\`.`];
  const { callbacks: c, scoring: s } = r.postgres;
  const sqlite = r.app.get(2000);
  const runs = s.runs.map((run) => `${n(Math.round(run.ms))} ms (CPU ${n(Math.round(run.cpuMs))}${run.othersCpuMs === null ? '' : `, others ${n(Math.round(run.othersCpuMs))}`})`);
  return [
    `PostgreSQL: ${INSTANCES} instances, each its own process with its own connection pool, on one fresh schema seeded with the bench camp ` +
      `(${n(c.seedMs)} ms); autocannon spreads the 2,000 connections over them round-robin. Messages recorded per second until the last was ` +
      `recorded: ${n(c.run.recordedPerSecond)}/s, against ${n(sqlite?.recordedPerSecond ?? 0)}/s for one instance on SQLite; ` +
      `${n(c.run.server.late)} answers came at the 4 s deadline (an empty 200; the message recorded after).`,
    `Scoring on PostgreSQL: ${n(s.learners)} learners, ${n(s.events)} events → standings + awards in ${n(s.ms)} ms (median; runs ${runs.join(', ')}), ` +
      `peak RSS ${s.rssMb} MB (camp-bot's process; the server's own memory is not counted). "Others" includes the PostgreSQL server doing its part. ` +
      `Fixture: built in SQLite in ${n(s.fixture.buildMs)} ms, copied by \`db copy\` in ${n(s.fixture.copyMs ?? 0)} ms.`,
  ];
}

/** The console routes under load, one row each, and the callbacks that ran meanwhile. */
function consoleRows(r: BenchResults): string[] {
  const c = r.console;
  if (!c) return [];
  const callbacks = `${n(c.callbacks.ok)} \`/submit\` callbacks answered 2xx meanwhile (${c.callbacks.non2xx + c.callbacks.errors} failed, p99 ${n(c.callbacks.p99)} ms)`;
  return [
    `| console route (${n(c.learners)} learners, ${n(c.events)} events; ${callbacks}) | first call ms | requests | p50 ms | p99 ms | max ms | failed |`,
    '|---|---|---|---|---|---|---|',
    ...c.routes.map((run) => `| \`GET ${run.route}\` | ${n(run.coldMs)} | ${run.latency.count} | ${run.latency.p50} | ${run.latency.p99} | ${run.latency.max} | ${run.failed} |`),
    `| all console requests | — | ${c.overall.count} | ${c.overall.p50} | ${c.overall.p99} | ${c.overall.max} | ${c.routes.reduce((sum, run) => sum + run.failed, 0)} |`,
    '',
  ];
}

/** The markdown report: machine, load runs (each with its share of bare Koa), notes, then each target with PASS or MISS. */
export function renderResults(r: BenchResults): string {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const load = loadRows(r);
  return [
    `Machine: ${machine}; load average before the run ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')}.`,
    `Sections: ${[...r.sections].join(', ')}${r.quick ? '. **--quick: short runs and small fixtures; figures are indicative, not the SPEC measurement.**' : '.'}`,
    '',
    ...(load.length === 0 ? [] : [
      '| load run (signed, encrypted callbacks; WAL file db unless PostgreSQL) | conn. | 2xx | msgs/s | of bare Koa | p50 ms | p99 ms | max ms | non-2xx / errors (of which timeouts) | server RSS MB | ledger |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...load,
      '',
    ]),
    ...consoleRows(r),
    ...notes(r),
    '| target (SPEC §9) | measured | target | result |',
    '|---|---|---|---|',
    ...benchChecks(r).map(([what, measured, target, ok]) => `| ${what} | ${measured} | ${target} | ${ok ? 'PASS' : 'MISS'} |`),
  ].join('\n');
}

/** True when every target measured was met. */
export function allTargetsMet(r: BenchResults): boolean {
  return benchChecks(r).every(([, , , ok]) => ok);
}
