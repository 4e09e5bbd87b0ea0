import type { Server } from 'node:http';
import { createCallbackServer, listen } from '../bot/callback-server.js';
import { createWeComClient, type WeComClientOptions } from '../bot/wecom-client.js';
import { describeConfig, type Config } from '../config.js';
import { signLedgerHead } from '../db/ledger-head.js';
import { openDatabase } from '../db/open-database.js';
import { deliverLateReply } from '../outbox/deliver-late-reply.js';
import { installVerifyRoute } from '../verify-page/install-verify-route.js';
import { startOutboxWorker } from '../outbox/outbox-worker.js';
import { startSchedules } from '../schedules/start-schedules.js';
import { createMessageHandler } from './handle-message.js';
import { createRespond } from './respond.js';
import { startRetention } from './start-retention.js';

export interface RunningCampBot {
  port: number;
  server: Server;
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
}

/**
 * The composition root: opens and migrates the database (signing an unsigned ledger head when AUDIT_SECRET is set),
 * then serves WeCom callbacks, `/healthz` and `/verify/:code`, delivers the outbox, runs the camps' schedules and
 * prunes what is past RETENTION_DAYS.
 * @example const bot = await startCampBot(readConfig()); … await bot.close();
 */
export async function startCampBot(config: Config, options: StartOptions = {}): Promise<RunningCampBot> {
  const log = options.log ?? ((line: string) => console.error(line));
  const database = openDatabase(config.dbFile, { auditSecret: config.auditSecret });
  const { sqlite } = database;
  if (signLedgerHead(sqlite, Date.now())) {
    log('ledger: the head was unsigned and is now signed with AUDIT_SECRET (if it was signed before, run audit verify)');
  }
  const client = createWeComClient({ apiBase: config.apiBase, corpId: config.corpId, agentId: config.agentId, secret: config.secret, log, pace: options.pace });
  const handle = createMessageHandler({ sqlite, respond: createRespond({ sqlite, log }) });
  const app = createCallbackServer({
    config,
    handle,
    log,
    cryptoWorkers: 1,
    isReady: () => database.sqlite.open,
    onLateReply: (message, reply) => deliverLateReply(sqlite, message, reply, Date.now()),
    extendRouter: (router) => installVerifyRoute(router, { sqlite, certSecret: config.certSecret, timezone: config.timezone }),
  });
  const worker = startOutboxWorker({ sqlite, client, apiBase: config.apiBase, log, pollMs: options.outboxPollMs });
  const schedules = options.schedules === false
    ? null
    : startSchedules({ sqlite, certSecret: config.certSecret, publicBaseUrl: config.publicBaseUrl, instanceId: `pid-${process.pid}`, log });
  const retention = startRetention({ sqlite, retentionDays: config.retentionDays, log });
  const { server, port } = await listen(app, config.port, config.host);
  log(`camp-bot listening on http://${config.host}:${port} (${describeConfig(config)})`);
  return {
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.dispose();
      await schedules?.stop();
      await retention.stop();
      await worker.stop();
      database.close();
    },
  };
}
