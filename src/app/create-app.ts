import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createCallbackServer, listen } from '../bot/callback-server.js';
import { createWeComClient, type WeComClientOptions } from '../bot/wecom-client.js';
import { describeConfig, type Config } from '../config.js';
import type { ConsoleDeps } from '../console/console-deps.js';
import { installConsole } from '../console/install-console.js';
import { startQuizTimer } from '../console/quiz-timer.js';
import type { Store } from '../db/db.js';
import { signLedgerHead } from '../db/ledger-head.js';
import { openStore } from '../db/open-store.js';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.js';
import { deliverLateReply } from '../outbox/deliver-late-reply.js';
import { startOutboxWorker } from '../outbox/outbox-worker.js';
import { startSchedules } from '../schedules/start-schedules.js';
import { installVerifyRoute } from '../verify-page/install-verify-route.js';
import { createMessageHandler } from './handle-message.js';
import { createRespond } from './respond.js';
import { createStandingsCache } from './standings-cache.js';
import { startRetention } from './start-retention.js';

export interface RunningCampBot {
  port: number;
  server: Server;
  store: Store;
  /** Stops accepting callbacks, finishes deliveries in progress, stops schedules and closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
  /** Turn the schedules off (the demo drives them by hand). */
  schedules?: boolean;
  /** Outbox poll interval (default 1 s). */
  outboxPollMs?: number;
  /** WeCom send pacing (default: WeCom's per-minute limits); the demo compresses the minute with its clock. */
  pace?: WeComClientOptions['pace'];
  /** The built console app (default `console/dist` of this checkout). */
  consoleDist?: string;
}

const CONSOLE_DIST = resolve(import.meta.dirname, '..', '..', 'console', 'dist');

/**
 * The composition root: opens and migrates the store (signing an unsigned ledger head when AUDIT_SECRET is set),
 * then serves WeCom callbacks, `/healthz`, `/verify/:code` and the console (`/console`, `/api`), delivers the outbox,
 * runs the camps' schedules and the quiz clock, and prunes what is past RETENTION_DAYS.
 * @example const bot = await startCampBot(readConfig()); … await bot.close();
 */
export async function startCampBot(config: Config, options: StartOptions = {}): Promise<RunningCampBot> {
  const log = options.log ?? ((line: string) => console.error(line));
  const store = await openStore({ databaseUrl: config.databaseUrl, dbFile: config.dbFile, auditSecret: config.auditSecret, log });
  if (await signLedgerHead(store, Date.now())) {
    log('ledger: the head was unsigned and is now signed with AUDIT_SECRET (if it was signed before, run audit verify)');
  }
  const client = createWeComClient({ apiBase: config.apiBase, corpId: config.corpId, agentId: config.agentId, secret: config.secret, log, pace: options.pace });
  const settings = { certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl };
  const standings = createStandingsCache();
  const handle = createMessageHandler({ store, respond: createRespond({ settings, log, standings }), log });
  const consoleDeps: ConsoleDeps = {
    store,
    settings: { ...consoleSettings(config), distDir: options.consoleDist ?? CONSOLE_DIST },
    standings: (db, campId, now) => standings.get(db, campId, now),
    userIdByCode: (code) => client.getUserIdByCode(code),
    now: Date.now,
    log,
  };
  const app = createCallbackServer({
    config,
    handle,
    log,
    cryptoWorkers: 1,
    isReady: () => store.isOpen(),
    onLateReply: (message, reply) => {
      retryWhileUnavailable(() => deliverLateReply(store, message, reply, Date.now()))
        .catch((error: unknown) => log(`late reply to ${message.channel} ${message.msgId} not queued: ${String(error)}`));
    },
    extendRouter: (router) => {
      installVerifyRoute(router, { store, certSecret: config.certSecret, timezone: config.timezone });
      installConsole(router, consoleDeps);
    },
  });
  const worker = startOutboxWorker({ store, client, apiBase: config.apiBase, log, pollMs: options.outboxPollMs });
  const schedules = options.schedules === false
    ? null
    : await startSchedules({ db: store, ...settings, instanceId: `pid-${process.pid}`, log });
  const retention = startRetention({ store, retentionDays: config.retentionDays, log });
  const quizTimer = startQuizTimer({ store, log });
  const { server, port } = await listen(app, config.port, config.host);
  log(`camp-bot listening on http://${config.host}:${port} (${describeConfig(config)})`);
  return {
    port,
    server,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.dispose();
      await schedules?.stop();
      await retention.stop();
      await quizTimer.stop();
      await worker.stop();
      await store.close();
    },
  };
}

function consoleSettings(config: Config): Omit<ConsoleDeps['settings'], 'distDir'> {
  const { sessionSecret, certSecret, corpId, agentId, oauthBase, qrLoginBase, publicBaseUrl, timezone } = config;
  return { sessionSecret, certSecret, corpId, agentId, oauthBase, qrLoginBase, publicBaseUrl, defaultTimezone: timezone };
}
