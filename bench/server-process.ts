/**
 * One benchmark server in its own process, so the load generator never shares its event loop.
 * `bare`: a Koa endpoint that does no work. `camp`: the real callback server and message pipeline over a WAL file
 * database in a temp folder, seeded with the bench camp. Talks to the parent over IPC: sends `ready` with the
 * port, answers `report` with what the ledger holds and the peak RSS, then exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { Router } from '@koa/router';
import { createMessageHandler } from '../src/app/handle-message.js';
import { createRespond } from '../src/app/respond.js';
import { createCallbackServer, listen } from '../src/bot/callback-server.js';
import { openDatabase } from '../src/db/open-database.js';
import { verifyChain } from '../src/db/ledger.js';
import { BENCH_APP_KEYS, BENCH_BOT_KEYS, BENCH_CORP_ID } from './bench-keys.js';
import { buildBenchCamp } from './scoring-fixture.js';

export interface ServerReport {
  processed: number;
  submissions: number;
  events: number;
  chainOk: boolean;
  peakRssMb: number;
}

export type ServerMessage = { type: 'ready'; port: number } | ({ type: 'report' } & ServerReport);

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

function campApp(dir: string, learners: number, events: number): { app: Koa; report: () => Omit<ServerReport, 'peakRssMb'> } {
  const { sqlite } = openDatabase(join(dir, 'bench.db'));
  buildBenchCamp(sqlite, learners, events);
  const seeded = sqlite.prepare('SELECT count(*) FROM events').pluck().get() as number;
  const handle = createMessageHandler({ sqlite, respond: createRespond({ sqlite, log: () => {} }) });
  const config = {
    corpId: BENCH_CORP_ID,
    token: BENCH_APP_KEYS.token,
    encodingAesKey: BENCH_APP_KEYS.encodingAesKey,
    botToken: BENCH_BOT_KEYS.token,
    botEncodingAesKey: BENCH_BOT_KEYS.encodingAesKey,
    replayWindowS: 300,
  };
  const app = createCallbackServer({ config, handle, isReady: () => true, log: () => {}, cryptoWorkers: Number(process.env.CAMP_CRYPTO_WORKERS ?? 1) });
  const count = (sql: string): number => sqlite.prepare(sql).pluck().get() as number;
  const report = () => ({
    processed: count('SELECT count(*) FROM processed_messages'),
    submissions: count(`SELECT count(*) FROM events WHERE type = 'submission' AND source <> 'import'`),
    events: count('SELECT count(*) FROM events') - seeded,
    chainOk: verifyChain(sqlite).ok,
  });
  return { app, report };
}

async function main(): Promise<void> {
  const [mode = 'bare', learners = '2000', events = '0'] = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-bench-server-'));
  const built = mode === 'camp' ? campApp(dir, Number(learners), Number(events)) : { app: bareApp(), report: null };
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const { server, port } = await listen(built.app, 0);
  server.keepAliveTimeout = 30_000;
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'report') return;
    clearInterval(sampler);
    const counts = built.report?.() ?? { processed: 0, submissions: 0, events: 0, chainOk: true };
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
