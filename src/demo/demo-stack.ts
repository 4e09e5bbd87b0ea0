import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startCampBot, type RunningCampBot } from '../app/create-app.js';
import { readConfig, type Config } from '../config.js';
import type { Store } from '../db/db.js';
import { outboxCounts } from '../db/outbox-store.js';
import { startFakeAiBotServer, type FakeAiBotServer } from '../fake-wecom/fake-aibot-server.js';
import { startFakeWeComApi, type FakeWeComApi } from '../fake-wecom/fake-wecom-api.js';
import type { FakeKeys } from '../fake-wecom/fake-wecom-callbacks.js';
import { longConnectionSender, type LongConnectionSend } from './long-connection-player.js';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.js';

/** Fixed demo credentials: public on purpose, valid only against the loopback fake WeCom. */
const DEMO = {
  corpId: 'wwdemocampbot00001',
  agentId: '1000002',
  secret: 'demo-app-secret',
  token: 'demoAppToken',
  aesKey: 'DemoAppEncodingAESKey0123456789abcdefghijkl',
  botToken: 'demoBotToken',
  botAesKey: 'DemoBotEncodingAESKey0123456789abcdefghijkl',
  certSecret: 'demo-cert-secret-not-for-production',
  sessionSecret: 'demo-session-secret-not-for-production',
  aibotId: 'aibot-demo',
  aibotSecret: 'demo-aibot-secret',
} as const;

/** The running pieces: fake WeCom (behind a recording proxy), the real server, and its store (the demo reads it too). */
export interface DemoStack {
  config: Config;
  baseUrl: string;
  fake: FakeWeComApi;
  proxy: RecordingProxy;
  bot: RunningCampBot;
  store: Store;
  appKeys: FakeKeys;
  botKeys: FakeKeys;
  /** With `--long-connection`: the fake WeCom's AI-bot socket camp-bot holds, and how to send a message over it. */
  longConnection: { url: string; send: LongConnectionSend } | null;
  /** Server log lines (kept quiet during the demo, shown on failure). */
  log: string[];
  /** Resolves once the outbox has nothing pending or being sent (or after `timeoutMs`); returns what is left. */
  outboxIdle(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

export interface DemoStackOptions {
  timezone: string;
  /** The AI bot's group chat over the long connection (a fake WeCom WebSocket) instead of JSON callbacks. */
  longConnection: boolean;
}

interface FakeWeCom {
  fake: FakeWeComApi;
  proxy: RecordingProxy;
  aibot: FakeAiBotServer | null;
}

/**
 * Starts the fake WeCom API, the proxy that records uploads, the fake AI-bot socket when asked, and the real camp-bot
 * server on free loopback ports.
 */
export async function startDemoStack(outDir: string, options: DemoStackOptions): Promise<DemoStack> {
  const fake = await startFakeWeComApi({ corpId: DEMO.corpId, secret: DEMO.secret });
  const proxy = await startRecordingProxy(fake.baseUrl);
  const aibot = options.longConnection ? await startFakeAiBotServer({ botId: DEMO.aibotId, secret: DEMO.aibotSecret }) : null;
  try {
    return await startServer(outDir, options.timezone, { fake, proxy, aibot });
  } catch (error) {
    await aibot?.close();
    await proxy.close();
    await fake.close();
    throw error;
  }
}

async function startServer(outDir: string, timezone: string, { fake, proxy, aibot }: FakeWeCom): Promise<DemoStack> {
  // The console's sign-in sends WeCom the callback URL, so the port is chosen before the server starts.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = readConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DB_FILE: join(outDir, 'camp-bot.db'),
    WECOM_CORP_ID: DEMO.corpId,
    WECOM_AGENT_ID: DEMO.agentId,
    WECOM_SECRET: DEMO.secret,
    WECOM_TOKEN: DEMO.token,
    WECOM_ENCODING_AES_KEY: DEMO.aesKey,
    WECOM_BOT_TOKEN: DEMO.botToken,
    WECOM_BOT_ENCODING_AES_KEY: DEMO.botAesKey,
    WECOM_API_BASE: proxy.baseUrl,
    CERT_SECRET: DEMO.certSecret,
    CAMP_TIMEZONE: timezone,
    PUBLIC_BASE_URL: baseUrl,
    SESSION_SECRET: DEMO.sessionSecret,
    WECOM_OAUTH_BASE: fake.baseUrl,
    WECOM_QR_LOGIN_BASE: fake.baseUrl,
    ...(aibot ? { WECOM_AIBOT_ID: DEMO.aibotId, WECOM_AIBOT_SECRET: DEMO.aibotSecret, WECOM_AIBOT_WS_URL: aibot.url } : {}),
  });
  const log: string[] = [];
  // The demo fires the schedules itself at compressed moments, and compresses WeCom's per-minute send limits with them.
  const bot = await startCampBot(config, { log: (line) => log.push(line), schedules: false, outboxPollMs: 25, pace: { windowMs: 60 } });
  const { store } = bot;
  await aibot?.waitForSubscriptions(1);
  return {
    config, baseUrl, fake, proxy, bot, store, log,
    longConnection: aibot ? { url: aibot.url, send: longConnectionSender(aibot, store) } : null,
    appKeys: { token: DEMO.token, encodingAesKey: DEMO.aesKey, receiveId: DEMO.corpId },
    botKeys: { token: DEMO.botToken, encodingAesKey: DEMO.botAesKey, receiveId: '' },
    outboxIdle: (timeoutMs = 60_000) => outboxIdle(store, timeoutMs),
    async close() {
      await bot.close();
      await aibot?.close();
      await proxy.close();
      await fake.close();
    },
  };
}

/** A loopback port free right now (the OS picks it; the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

async function outboxIdle(store: Store, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await outboxCounts(store);
    const left = counts.pending + counts.sending;
    if (left === 0 || Date.now() > deadline) return left;
    await delay(20);
  }
}
