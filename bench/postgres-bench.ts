import type { BenchOptions } from './bench-options.js';
import type { BenchResults } from './bench-results.js';
import { runBareKoa, runCampCallbacks } from './callbacks.js';
import { type PostgresCallbackRun, runPostgresCallbacks } from './postgres-callbacks.js';
import { runScoringBench, type ScoringBenchResult } from './scoring.js';

/** The PostgreSQL server the `postgres` section uses; it only creates (and drops) schemas of its own there. */
export const POSTGRES_ENV = 'BENCH_DATABASE_URL';
export const POSTGRES_HOWTO = `${POSTGRES_ENV}=postgres://campbot:campbot@127.0.0.1:5432/campbot_ci npm run bench -- --only postgres`;

/** The `postgres` section: skipped without a server, else the two-instance load run and scoring. */
export type PostgresBench = { skipped: true } | { skipped: false; callbacks: PostgresCallbackRun; scoring: ScoringBenchResult };

const CONNECTIONS = 2000;

/**
 * With `BENCH_DATABASE_URL` set: `/submit` at 2,000 connections spread over two instances on one PostgreSQL
 * database, beside the single SQLite instance's run (measured here when the `app` section did not), then standings
 * and awards read from PostgreSQL. Without it the section is skipped.
 */
export async function runPostgresBench(options: BenchOptions, results: BenchResults, step: (line: string) => void): Promise<PostgresBench> {
  const server = process.env[POSTGRES_ENV];
  if (!server) return { skipped: true };
  if (!/^postgres(ql)?:\/\//.test(server)) throw new Error(`${POSTGRES_ENV} must be a postgres:// URL (e.g. ${POSTGRES_HOWTO})`);
  const { sizes } = options;
  if (!results.bare.has(CONNECTIONS)) {
    step(`bare Koa at ${CONNECTIONS} connections…`);
    results.bare.set(CONNECTIONS, await runBareKoa(CONNECTIONS, sizes.bareSeconds));
  }
  if (!results.app.has(CONNECTIONS)) {
    step(`app /submit at ${CONNECTIONS} connections, one instance on SQLite…`);
    results.app.set(CONNECTIONS, await runCampCallbacks(CONNECTIONS, sizes.at2000));
  }
  step(`app /submit at ${CONNECTIONS} connections, two instances on PostgreSQL…`);
  const callbacks = await runPostgresCallbacks(server, CONNECTIONS, sizes.at2000);
  const { learners, events } = sizes.scoring;
  step(`scoring for ${learners} learners and ${events} events on PostgreSQL…`);
  const scoring = await runScoringBench(learners, events, server);
  return { skipped: false, callbacks, scoring };
}
