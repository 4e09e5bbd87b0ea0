/**
 * `npm run bench [-- --quick] [-- --only app,chatter,history,mix,commands,console,scoring,import,postgres]`: SPEC §9's
 * measurements in one run (and issue 11's on PostgreSQL with BENCH_DATABASE_URL), printed as a markdown table and
 * written to bench/results.md. Benchmarks inform rather than gate: a missed target prints MISS and the command still
 * exits 0.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, parseBenchOptions } from './bench-options.js';
import type { BenchResults } from './bench-results.js';
import { runBareKoa, runCampCallbacks } from './callbacks.js';
import { buildCampFiles } from './camp-files.js';
import { runCommandBench } from './commands.js';
import { runConsoleBench } from './console-api.js';
import { runImportBesideServer } from './import-beside-server.js';
import { allTargetsMet, renderResults } from './results-table.js';
import { runPostgresBench } from './postgres-bench.js';
import { runScoringBench } from './scoring.js';
import { type CampState, runTraffic, type TrafficKind } from './traffic.js';

const RESULTS_FILE = fileURLToPath(new URL('./results.md', import.meta.url));
const CONNECTIONS = [2000, 100] as const;

function step(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Group chatter for `chatter`/`history`, the mix for `mix`; the empty camp for `chatter`/`mix`, history for `history`. */
function trafficPlan(options: BenchOptions): { kinds: TrafficKind[]; camps: CampState[] } {
  const has = (section: 'chatter' | 'history' | 'mix') => options.sections.has(section);
  const kinds: TrafficKind[] = [...(has('chatter') || has('history') ? (['group-robot', 'ai-bot'] as const) : []), ...(has('mix') ? (['mix'] as const) : [])];
  const camps: CampState[] = [...(has('chatter') || has('mix') ? (['empty'] as const) : []), ...(has('history') ? (['history'] as const) : [])];
  return { kinds, camps };
}

async function runLoadSections(options: BenchOptions, results: BenchResults): Promise<void> {
  const { sizes } = options;
  const size = (connections: number) => (connections === 2000 ? sizes.at2000 : sizes.at100);
  const { kinds, camps } = trafficPlan(options);
  if (options.sections.has('app') || kinds.length > 0) {
    for (const connections of CONNECTIONS) {
      step(`bare Koa at ${connections} connections…`);
      results.bare.set(connections, await runBareKoa(connections, sizes.bareSeconds));
    }
  }
  if (options.sections.has('app')) {
    for (const connections of CONNECTIONS) {
      step(`app /submit at ${connections} connections…`);
      results.app.set(connections, await runCampCallbacks(connections, size(connections)));
    }
  }
  if (kinds.length === 0) return;
  step(`chat camp${camps.includes('history') ? ` and its month of history (${sizes.historyPerLearner} counted messages per learner)` : ''}…`);
  const files = await buildCampFiles(2000, camps.includes('history') ? sizes.historyPerLearner : null);
  try {
    results.history = files.historyImport;
    for (const kind of kinds) {
      for (const connections of CONNECTIONS) {
        for (const camp of camps) {
          step(`${kind} on the ${camp} camp at ${connections} connections…`);
          results.traffic.push(await runTraffic(kind, camp, camp === 'empty' ? files.empty : files.history!, connections, size(connections)));
        }
      }
    }
  } finally {
    files.cleanup();
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const results: BenchResults = {
    quick: options.quick, sections: options.sections, loadBefore: loadavg(), bare: new Map(), app: new Map(), traffic: [],
    history: null, commands: null, console: null, scoring: null, importBeside: null, postgres: null,
  };
  await runLoadSections(options, results);
  if (options.sections.has('commands')) {
    step('/me and /rank for 2,000 learners and 200,000 events…');
    results.commands = await runCommandBench();
  }
  if (options.sections.has('console')) {
    step('the console API for 2,000 learners and 200,000 events while /submit callbacks arrive…');
    results.console = await runConsoleBench();
  }
  if (options.sections.has('import')) {
    step(`events import of ${options.sizes.importRows} rows beside a serving camp-bot…`);
    results.importBeside = await runImportBesideServer({ rows: options.sizes.importRows });
  }
  if (options.sections.has('scoring')) {
    const { learners, events } = options.sizes.scoring;
    step(`scoring for ${learners} learners and ${events} events…`);
    results.scoring = await runScoringBench(learners, events);
  }
  if (options.sections.has('postgres')) results.postgres = await runPostgresBench(options, results, step);
  const table = renderResults(results);
  console.log(table);
  writeFileSync(RESULTS_FILE, `# npm run bench — ${new Date().toISOString()}\n\n${table}\n`);
  console.log(`\n${allTargetsMet(results) ? 'All targets met.' : 'Some targets missed (MISS above); benchmarks inform and exit 0.'} Written to bench/results.md.`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
