import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { LongConnection, LongConnectionTimings } from '../aibot/long-connection.js';
import type { InboundMessage, Reply } from '../bot/inbound-message.js';
import { resolve } from 'node:path';
import { createCallbackServer, listen } from '../bot/callback-server.js';
import { createWeComClient, type WeComClient, type WeComClientOptions } from '../bot/wecom-client.js';
import { describeConfig, type Config } from '../config.js';
import type { ConsoleDeps } from '../console/console-deps.js';
import { installConsole } from '../console/install-console.js';
import { startQuizTimer } from '../console/quiz-timer.js';
import type { Store } from '../db/db.js';
import { signLedgerHead } from '../db/ledger-head.js';
import { startBackgroundCheckpoints } from '../db/checkpoint-database.js';
import { openStore } from '../db/open-store.js';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.js';
import { deliverLateReply } from '../outbox/deliver-late-reply.js';
import { startOutboxWorker } from '../outbox/outbox-worker.js';
import { startSchedules } from '../schedules/start-schedules.js';
import { createWeComSource } from '../sources/create-wecom-source.js';
import { startSourceSync } from '../sources/start-source-sync.js';
import { installVerifyRoute } from '../verify-page/install-verify-route.js';
import { createMessageHandler } from './handle-message.js';
import { createRespond } from './respond.js';
import { createStandingsCache } from './standings-cache.js';
import { startAiBot } from './start-aibot.js';
import { startRetention } from './start-retention.js';

export interface RunningCampBot {
  port: number;
  server: Server;
  store: Store;
  /** The AI bot's long connection, when its keys are set. */
  aibot: LongConnection | null;
  /** Stops accepting callbacks, finishes deliveries in progress, stops schedules and closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
  /** Turn the schedules and the pulling of WeCom sources off (the demo drives them by hand). */
  schedules?: boolean;
  /** Outbox poll interval (default 1 s). */
  outboxPollMs?: number;
  /** WeCom send pacing (default: WeCom's per-minute limits); the demo compresses the minute with its clock. */
  pace?: WeComClientOptions['pace'];
  /** The long connection's waits (tests shorten them). */
  aibotTimings?: Partial<LongConnectionTimings>;
  /** The built console app (default `console/dist` of this checkout). */
  consoleDist?: string;
}

const CONSOLE_DIST = resolve(import.meta.dirname, '..', '..', 'console', 'dist');

/**
 * The composition root: opens and migrates the store (signing an unsigned ledger head when AUDIT_SECRET is set; on
 * SQLite, WAL checkpoints move to a thread of their own), then serves WeCom callbacks, `/healthz`, `/verify/:code` and the console (`/console`, `/api`), delivers the outbox
 * (and creates the WeCom lives and meetings asked for), runs the camps' schedules and the quiz clock, pulls their
 * WeCom sources, prunes what is past RETENTION_DAYS, and with the AI bot's keys holds its long connection through the
 * same message pipeline.
 * @example const bot = await startCampBot(readConfig()); … await bot.close();
 */
export async function startCampBot(config: Config, options: StartOptions = {}): Promise<RunningCampBot> {
  const log = options.log ?? ((line: string) => console.error(line));
  const store = await openStore({ databaseUrl: config.databaseUrl, dbFile: config.dbFile, auditSecret: config.auditSecret, log });
  const checkpoints = startBackgroundCheckpoints(store, log);
  if (await signLedgerHead(store, Date.now())) {
    log('ledger: the head was unsigned and is now signed with AUDIT_SECRET (if it was signed before, run audit verify)');
  }
  const client = createWeComClient({ apiBase: config.apiBase, corpId: config.corpId, agentId: config.agentId, secret: config.secret, log, pace: options.pace });
  const settings = { certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl };
  const standings = createStandingsCache();
  const handle = createMessageHandler({ store, respond: createRespond({ settings, log, standings }), log });
  const queueLateReply = (message: InboundMessage, reply: Reply): void => {
    retryWhileUnavailable(() => deliverLateReply(store, message, reply, Date.now()))
      .catch((error: unknown) => log(`late reply to ${message.channel} ${message.msgId} not queued: ${String(error)}`));
  };
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
    onLateReply: queueLateReply,
    extendRouter: (router) => {
      installVerifyRoute(router, { store, certSecret: config.certSecret, timezone: config.timezone });
      installConsole(router, consoleDeps);
    },
  });
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const jobs = await startJobs({ store, client, config, options, holder, log });
  const { server, port } = await listen(app, config.port, config.host);
  const aibot = startAiBot(config, { store, handle, onUndelivered: queueLateReply, holder, log, timings: options.aibotTimings });
  log(`camp-bot listening on http://${config.host}:${port} (${describeConfig(config)})`);
  return {
    port,
    server,
    store,
    aibot,
    async close() {
      await aibot?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.dispose();
      await jobs.stop();
      await checkpoints.stop();
      await store.close();
    },
  };
}

interface JobDeps {
  store: Store;
  client: WeComClient;
  config: Config;
  options: StartOptions;
  holder: string;
  log: (line: string) => void;
}

/**
 * The background work: outbox delivery (and the WeCom creations it runs), schedules, source pulls, the quiz clock and
 * retention.
 */
async function startJobs({ store, client, config, options, holder, log }: JobDeps): Promise<{ stop(): Promise<void> }> {
  const createSource = (sourceId: number) => createWeComSource({ db: store, client }, sourceId);
  const worker = startOutboxWorker({ store, client, apiBase: config.apiBase, log, pollMs: options.outboxPollMs, createSource });
  const scheduled = options.schedules !== false;
  const settings = { certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl };
  const schedules = scheduled ? await startSchedules({ db: store, ...settings, instanceId: `pid-${process.pid}`, log }) : null;
  const sources = scheduled ? startSourceSync({ db: store, client, holder, log }) : null;
  const retention = startRetention({ store, retentionDays: config.retentionDays, log });
  const quizTimer = startQuizTimer({ store, log });
  return {
    async stop() {
      await schedules?.stop();
      await sources?.stop();
      await retention.stop();
      await quizTimer.stop();
      await worker.stop();
    },
  };
}

function consoleSettings(config: Config): Omit<ConsoleDeps['settings'], 'distDir'> {
  const { sessionSecret, certSecret, corpId, agentId, oauthBase, qrLoginBase, publicBaseUrl, timezone } = config;
  return { sessionSecret, certSecret, corpId, agentId, oauthBase, qrLoginBase, publicBaseUrl, defaultTimezone: timezone };
}
