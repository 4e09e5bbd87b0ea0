/**
 * An operator imports a big events file while `camp-bot serve` answers group chatter on the same WAL database
 * (SPEC §9: the server keeps answering). Reusable: `npm run bench` prints it, a reliability test can assert on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countEvents } from '../src/db/count-rows.js';
import { openStore } from '../src/db/open-store.js';
import { checkMessage } from '../src/db/processed-messages.js';
import { startFakeWeComApi } from '../src/fake-wecom/fake-wecom-api.js';
import { campBotEnv, runCli, startServe } from '../test/reliability/camp-bot-process.js';
import { BENCH_APP_KEYS, BENCH_BOT_KEYS, BENCH_CORP_ID } from './bench-keys.js';
import { buildChatCamp, CHAT_CAMP_ID } from './chat-camp.js';
import { writeEventsCsv } from './events-csv.js';
import { startHealthzProbe } from './healthz-probe.js';
import { type LatencySummary, summarizeLatencies } from './latency-summary.js';
import { startPacedChatter } from './paced-chatter.js';

export interface ImportBesideOptions {
  /** CSV rows the import brings (SPEC: 1,000,000). */
  rows: number;
  /** Chatter during the whole run (default 200 messages/s from 20 senders). */
  perSecond?: number;
  senders?: number;
  learners?: number;
  /** Chatter alone before the import starts and after it ends (default 2 s). */
  settleMs?: number;
}

export interface ImportBesideResult {
  rows: number;
  importMs: number;
  /** The import process's peak resident memory. */
  importRssMb: number;
  /** The CLI's exit code and last line. */
  importCode: number;
  importSays: string;
  /** Import rows found in the ledger afterwards. */
  importedEvents: number;
  healthz: LatencySummary & { failed: number };
  callbacks: LatencySummary & { failed: number };
  acked: number;
  /** Acknowledged messages found processed in the database afterwards (must equal `acked`). */
  recorded: number;
}

function serveEnv(dbFile: string, apiBase: string): NodeJS.ProcessEnv {
  return {
    ...campBotEnv(dbFile, apiBase),
    WECOM_CORP_ID: BENCH_CORP_ID,
    WECOM_TOKEN: BENCH_APP_KEYS.token,
    WECOM_ENCODING_AES_KEY: BENCH_APP_KEYS.encodingAesKey,
    WECOM_BOT_TOKEN: BENCH_BOT_KEYS.token,
    WECOM_BOT_ENCODING_AES_KEY: BENCH_BOT_KEYS.encodingAesKey,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function countRecorded(dbFile: string, acked: string[]): Promise<{ recorded: number; importedEvents: number }> {
  const store = await openStore({ dbFile, readOnly: true });
  try {
    let recorded = 0;
    for (const key of acked) if ((await checkMessage(store, key)).kind === 'done') recorded += 1;
    const importedEvents = (await countEvents(store)) - (await countEvents(store, { notSource: 'import' }));
    return { recorded, importedEvents };
  } finally {
    await store.close();
  }
}

/** Chatter and the probe from `settleMs` before the import until `settleMs` after it. */
async function importUnderChatter(baseUrl: string, csv: string, env: NodeJS.ProcessEnv, options: ImportBesideOptions & { learners: number; settleMs: number }) {
  const probe = startHealthzProbe(baseUrl);
  const chatter = startPacedChatter(baseUrl, { senders: options.senders ?? 20, perSecond: options.perSecond ?? 200, learners: options.learners, msgIdBase: 5_000_000_000_000 });
  // Both stops are idempotent, so the finally only matters when the import could not even start.
  const stop = () => Promise.all([chatter.stop(), probe.stop()]);
  try {
    await sleep(options.settleMs);
    const started = performance.now();
    const imported = await runCli(['events', 'import', CHAT_CAMP_ID, csv], env);
    const importMs = Math.round(performance.now() - started);
    await sleep(options.settleMs);
    const [said, health] = await stop();
    return { importMs, imported, said, health };
  } finally {
    await stop();
  }
}

/**
 * Runs the real `camp-bot serve` on a fresh chat camp (2,000 learners) with paced group chatter and a `/healthz`
 * probe, then `camp-bot events import` of `rows` CSV rows on the same database file, and reports the import time,
 * the latencies seen meanwhile, and acknowledged against recorded messages.
 * @example const result = await runImportBesideServer({ rows: 1_000_000 }); result.healthz.max <= 200
 */
export async function runImportBesideServer(options: ImportBesideOptions): Promise<ImportBesideResult> {
  const learners = options.learners ?? 2_000;
  const settleMs = options.settleMs ?? 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-import-'));
  const api = await startFakeWeComApi();
  try {
    const dbFile = join(dir, 'camp-bot.db');
    const store = await openStore({ dbFile });
    await buildChatCamp(store, learners, Date.now());
    await store.close();
    const csv = join(dir, 'events.csv');
    await writeEventsCsv(csv, options.rows, learners, Date.now());
    const env = serveEnv(dbFile, api.baseUrl);
    const serve = await startServe(env);
    const { importMs, imported, said, health } = await importUnderChatter(serve.baseUrl, csv, env, { ...options, learners, settleMs }).finally(() => serve.stop());
    const counts = await countRecorded(dbFile, said.acked);
    const importSays = (imported.stdout + imported.stderr).trim().split('\n').at(-1) ?? '';
    return {
      rows: options.rows, importMs, importRssMb: imported.peakRssMb, importCode: imported.code, importSays, importedEvents: counts.importedEvents,
      healthz: { ...summarizeLatencies(health.latencies), failed: health.failed },
      callbacks: { ...summarizeLatencies(said.latencies), failed: said.failed },
      acked: said.acked.length, recorded: counts.recorded,
    };
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
