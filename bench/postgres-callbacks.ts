import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listEvents } from '../src/db/list-events.js';
import { openStore } from '../src/db/open-store.js';
import { freshPostgresSchema } from '../test/support/test-store.js';
import { buildCampSubmits, CAMP_EVENTS, CAMP_LEARNERS, type CallbackRun, driveCallbacks, type RunSize, submitsRecorded } from './callbacks.js';
import { copyIntoPostgres } from './copy-into-postgres.js';
import { forkServer } from './fork-server.js';
import { buildBenchCampFile } from './scoring-fixture.js';

/** How many instances share the PostgreSQL database. */
export const INSTANCES = 2;

/** App `/submit` load spread over several instances on one PostgreSQL database. */
export interface PostgresCallbackRun {
  run: CallbackRun;
  /** Each instance's peak RSS (MB). */
  rssMb: number[];
  /** MsgIds that recorded a submission; every one recorded exactly once. */
  onceEach: { msgIds: number; duplicated: number };
  /** Building the bench camp and copying it into the fresh schema (ms). */
  seedMs: number;
}

/** The bench camp (2,000 learners, 20,000 events) built in SQLite and copied into the PostgreSQL schema at `url`. */
async function seedBenchCamp(url: string): Promise<number> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-pg-'));
  try {
    await buildBenchCampFile(join(dir, 'camp.db'), CAMP_LEARNERS, CAMP_EVENTS);
    await copyIntoPostgres(join(dir, 'camp.db'), url);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Math.round(performance.now() - started);
}

/** Submissions recorded per MsgId (each `/submit` names its MsgId in the text, see `submitText`). */
async function submissionsPerMsgId(url: string): Promise<{ msgIds: number; duplicated: number }> {
  const store = await openStore({ databaseUrl: url, dbFile: ':memory:', migrations: false, maxConnections: 1 });
  try {
    const perMsgId = new Map<string, number>();
    for (const event of await listEvents(store, { type: 'submission' })) {
      if (event.source === 'import') continue;
      const msgId = /第(\d+)份作业/.exec(event.text ?? '')?.[1] ?? 'none';
      perMsgId.set(msgId, (perMsgId.get(msgId) ?? 0) + 1);
    }
    return { msgIds: perMsgId.size, duplicated: [...perMsgId.values()].filter((count) => count > 1).length };
  } finally {
    await store.close();
  }
}

/**
 * Two server processes on one fresh PostgreSQL schema on `server` (a `postgres://` URL; the schema is dropped
 * after), the bench camp in it, and `/submit` callbacks over `connections` connections spread across both. Beside
 * `runCallbacks`' ledger check (processed = acknowledged = recorded, chain verifies), every MsgId must have recorded
 * exactly one submission: no message recorded twice by the two instances, none acknowledged and lost.
 */
export async function runPostgresCallbacks(server: string, connections: number, size: RunSize): Promise<PostgresCallbackRun> {
  const schema = await freshPostgresSchema(server, 'bench');
  try {
    const seedMs = await seedBenchCamp(schema.url);
    const servers = await Promise.all(Array.from({ length: INSTANCES }, () => forkServer('postgres', { databaseUrl: schema.url })));
    const { run, reports } = await driveCallbacks(servers, connections, size, buildCampSubmits, submitsRecorded);
    const onceEach = await submissionsPerMsgId(schema.url);
    const acked = run.load.ok + size.warmUp;
    const clean = run.load.non2xx === 0 && run.load.errors === 0;
    const everyOnce = onceEach.duplicated === 0 && (clean ? onceEach.msgIds === acked : onceEach.msgIds >= acked);
    return { run: { ...run, ledgerOk: run.ledgerOk && everyOnce }, rssMb: reports.map((r) => r.peakRssMb), onceEach, seedMs };
  } finally {
    await schema.drop();
  }
}
