/**
 * One benchmark server in its own process, so the load generator never shares its event loop.
 * `bare`: a Koa endpoint that does no work. `camp <learners> <events>`: the real callback server, message pipeline and
 * console API (as `serve` mounts them) over a WAL file database in a temp folder, seeded with the bench camp. `file <db>`: the same over a copy of a
 * prepared database (e.g. the chat camp with a month of history). `postgres <url>`: the same on a prepared PostgreSQL
 * database, which several of these share as instances behind a load balancer do. Talks to the parent over IPC: sends
 * `ready` with the port, answers `report` with what the ledger holds and the peak RSS, then exits.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { Router } from '@koa/router';
import { createMessageHandler } from '../src/app/handle-message.js';
import { createRespond } from '../src/app/respond.js';
import { createStandingsCache } from '../src/app/standings-cache.js';
import type { ConsoleDeps } from '../src/console/console-deps.js';
import { installConsole } from '../src/console/install-console.js';
import { createCallbackServer, listen } from '../src/bot/callback-server.js';
import { countEvents, countProcessedMessages } from '../src/db/count-rows.js';
import type { Store } from '../src/db/db.js';
import { verifyChain } from '../src/db/ledger.js';
import { openStore } from '../src/db/open-store.js';
import { BENCH_APP_KEYS, BENCH_BOT_KEYS, BENCH_CORP_ID, BENCH_SESSION_SECRET } from './bench-keys.js';
import { startCpuProfile } from './main-thread-profiler.js';
import { buildBenchCampFile } from './scoring-fixture.js';
import { trackHandler } from './tracked-handler.js';

export interface ServerReport {
  processed: number;
  /** `submission` events recorded by the pipeline (not seeded). */
  submissions: number;
  /** `participation` events added while serving. */
  participation: number;
  /** Events added while serving. */
  events: number;
  chainOk: boolean;
  /** Messages answered with an empty 200 at the reply deadline, recorded after it (see `trackHandler`). */
  late: number;
  peakRssMb: number;
}

export type ServerMessage =
  | { type: 'ready'; port: number } | { type: 'profiling' } | { type: 'profiled' } | { type: 'drained' } | ({ type: 'report' } & ServerReport);

/**
 * What the parent asks: start or stop a CPU profile of the main thread, to be told when every message taken is
 * handled, or the final report.
 */
export type ParentMessage = { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'drain' } | { type: 'report' };

/** Answers the parent's requests to profile this thread. */
function answerProfiling(): void {
  let stop: ((file: string) => Promise<void>) | null = null;
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'profile-start') void startCpuProfile().then((stopper) => ((stop = stopper), process.send!({ type: 'profiling' } satisfies ServerMessage)));
    if (message.type === 'profile-stop' && stop) void stop(message.file).then(() => process.send!({ type: 'profiled' } satisfies ServerMessage));
  });
}

function bareApp(): Koa {
  const router = new Router();
  router.post('/wecom/app', (ctx) => {
    ctx.status = 200;
    ctx.body = '';
  });
  const app = new Koa();
  app.use(router.routes());
  return app;
}

async function openBenchStore(dir: string, mode: string, args: string[]): Promise<Store> {
  if (mode === 'postgres') return openStore({ databaseUrl: args[0]!, dbFile: ':memory:', migrations: false });
  const file = join(dir, 'bench.db');
  if (mode === 'file') copyFileSync(args[0]!, file);
  if (mode === 'camp') await buildBenchCampFile(file, Number(args[0] ?? 2000), Number(args[1] ?? 0));
  return openStore({ dbFile: file });
}

const SETTINGS = { certSecret: 'bench-cert-secret', publicBaseUrl: 'http://127.0.0.1' };

interface BuiltApp {
  app: Koa;
  report: (() => Promise<Omit<ServerReport, 'peakRssMb'>>) | null;
  drained: () => Promise<void>;
}

async function campApp(store: Store): Promise<BuiltApp> {
  const seeded = await countEvents(store);
  const seededParticipation = await countEvents(store, { type: 'participation' });
  const standings = createStandingsCache();
  const tracked = trackHandler(createMessageHandler({ store, respond: createRespond({ settings: SETTINGS, log: () => {}, standings }), log: () => {} }));
  const config = {
    corpId: BENCH_CORP_ID,
    token: BENCH_APP_KEYS.token,
    encodingAesKey: BENCH_APP_KEYS.encodingAesKey,
    botToken: BENCH_BOT_KEYS.token,
    botEncodingAesKey: BENCH_BOT_KEYS.encodingAesKey,
    replayWindowS: 300,
  };
  const app = createCallbackServer({
    config, handle: tracked.handle, isReady: () => true, log: () => {}, cryptoWorkers: Number(process.env.CAMP_CRYPTO_WORKERS ?? 1),
    extendRouter: (router) => installConsole(router, consoleDeps(store, (db, campId, now) => standings.get(db, campId, now))),
  });
  const report = async () => {
    // Messages answered at the deadline may still be being recorded: count once they are.
    await tracked.drained();
    return {
      late: tracked.late(),
      processed: await countProcessedMessages(store),
      submissions: await countEvents(store, { type: 'submission', notSource: 'import' }),
      participation: (await countEvents(store, { type: 'participation' })) - seededParticipation,
      events: (await countEvents(store)) - seeded,
      chainOk: (await verifyChain(store)).ok,
    };
  };
  return { app, report, drained: tracked.drained };
}

function consoleDeps(store: Store, standings: ConsoleDeps['standings']): ConsoleDeps {
  const settings = {
    ...SETTINGS, sessionSecret: BENCH_SESSION_SECRET, corpId: BENCH_CORP_ID, agentId: '1000002', oauthBase: 'http://127.0.0.1',
    qrLoginBase: 'http://127.0.0.1', distDir: tmpdir(), defaultTimezone: 'Asia/Shanghai',
  };
  return { store, settings, standings, userIdByCode: async () => null, now: Date.now, log: () => {} };
}

async function main(): Promise<void> {
  const [mode = 'bare', ...args] = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-server-'));
  const built: BuiltApp = mode === 'bare' ? { app: bareApp(), report: null, drained: async () => {} } : await campApp(await openBenchStore(dir, mode, args));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const { server, port } = await listen(built.app, 0);
  server.keepAliveTimeout = 30_000;
  answerProfiling();
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'drain') void built.drained().then(() => process.send!({ type: 'drained' } satisfies ServerMessage));
    if (message.type !== 'report') return;
    clearInterval(sampler);
    const counts = (await built.report?.()) ?? { processed: 0, submissions: 0, participation: 0, events: 0, chainOk: true, late: 0 };
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    process.send!({ type: 'report', ...counts, peakRssMb: Math.round(peak / 1024 / 1024) } satisfies ServerMessage, () => {
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.send!({ type: 'ready', port } satisfies ServerMessage);
}

await main();
