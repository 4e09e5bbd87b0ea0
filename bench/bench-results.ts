import type { Section } from './bench-options.js';
import type { BareRun, CallbackRun } from './callbacks.js';
import type { HistoryImport } from './camp-files.js';
import type { CommandBench } from './commands.js';
import type { ConsoleBench } from './console-api.js';
import type { ImportBesideResult } from './import-beside-server.js';
import type { PostgresBench } from './postgres-bench.js';
import type { ScoringBenchResult } from './scoring.js';
import type { TrafficRun } from './traffic.js';

/** Everything one `npm run bench` measured; a section not chosen with `--only` is null or empty. */
export interface BenchResults {
  quick: boolean;
  sections: ReadonlySet<Section>;
  loadBefore: number[];
  /** Bare Koa by connection count. */
  bare: Map<number, BareRun>;
  /** App `/submit` by connection count. */
  app: Map<number, CallbackRun>;
  traffic: TrafficRun[];
  history: HistoryImport | null;
  commands: CommandBench | null;
  console: ConsoleBench | null;
  scoring: ScoringBenchResult | null;
  importBeside: ImportBesideResult | null;
  postgres: PostgresBench | null;
}
