import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { Router } from '@koa/router';
import type { Config } from '../config.js';
import { CallbackRejected } from '../errors.js';
import type { Channel, InboundMessage, MessageHandler, Reply } from './inbound-message.js';
import { readCallbackQuery, readEchostr } from './callback-query.js';
import { createCryptoPool, type CryptoPool } from './crypto-pool.js';
import { botChannelOf, type CallbackInput, openCallback, verifyCallbackUrl } from './open-callback.js';
import { type ChannelKeys, encodePassiveReply, newReplyStamp } from './passive-reply.js';
import { readBody } from './read-body.js';
import { replyInTime } from './reply-in-time.js';

/** What the callback server needs; `handle` is the message pipeline (see `src/app/`). */
export interface CallbackServerDeps {
  config: Pick<Config, 'corpId' | 'token' | 'encodingAesKey' | 'botToken' | 'botEncodingAesKey' | 'replayWindowS'>;
  handle: MessageHandler;
  /** Receives an answer that missed the passive-reply deadline, to be sent through the API instead. */
  onLateReply?: (message: InboundMessage, reply: Reply) => void;
  isReady: () => boolean;
  /** Clock in ms (default Date.now). */
  now?: () => number;
  /** How long to wait for `handle` before answering an empty 200 (default 4000). */
  replyTimeoutMs?: number;
  /** Adds routes (e.g. `/verify/:code`) to the same router. */
  extendRouter?: (router: Router) => void;
  /** One-line operator log (default console.error); never given secrets. */
  log?: (line: string) => void;
  /** Worker threads that open callbacks and seal passive replies (default 0: in-thread). */
  cryptoWorkers?: number;
  /** How long a client may take to send its headers, then its body (default 10 s each, SPEC §9). */
  clientTimeouts?: Partial<ClientTimeouts>;
}

/** Slow-client limits: a connection whose headers (or, after them, body) take longer is answered 408 and closed. */
export interface ClientTimeouts {
  headersMs: number;
  bodyMs: number;
}

/**
 * The Koa app plus `dispose()`, which stops its crypto workers once the HTTP server is closed, and the slow-client
 * limits `listen` applies to the HTTP server.
 */
export type CallbackApp = Koa & { dispose(): Promise<void>; clientTimeouts: ClientTimeouts };

/** WeCom sends small bodies; anything larger is refused before it is buffered. */
export const BODY_LIMIT_BYTES = 64 * 1024;

// Node's default backlog (511) drops SYNs when a burst of connections meets a busy event loop, and a dropped SYN
// costs the sender a 1 s, then 3 s retransmit; the kernel caps this at net.core.somaxconn.
const LISTEN_BACKLOG = 4096;

const DEFAULT_CLIENT_TIMEOUTS: ClientTimeouts = { headersMs: 10_000, bodyMs: 10_000 };

type Resolved = Required<Pick<CallbackServerDeps, 'now' | 'replyTimeoutMs' | 'log'>> &
  CallbackServerDeps & { pool: CryptoPool | null; clientTimeouts: ClientTimeouts };

/**
 * Builds the Koa app serving `GET/POST /wecom/app`, `GET/POST /wecom/bot` and `GET /healthz` (SPEC §1–2).
 * @example const app = createCallbackServer({ config, handle, isReady: () => true }); await listen(app, 3000);
 */
export function createCallbackServer(deps: CallbackServerDeps): CallbackApp {
  const log = deps.log ?? ((line: string) => console.error(line));
  const workers = deps.cryptoWorkers ?? 0;
  const resolved: Resolved = {
    ...deps,
    now: deps.now ?? Date.now,
    replyTimeoutMs: deps.replyTimeoutMs ?? 4000,
    log,
    pool: workers > 0 ? createCryptoPool(workers, log) : null,
    clientTimeouts: { ...DEFAULT_CLIENT_TIMEOUTS, ...deps.clientTimeouts },
  };
  const appKeys: ChannelKeys = { token: deps.config.token, encodingAesKey: deps.config.encodingAesKey, receiveId: deps.config.corpId };
  const botKeys = botKeysOf(deps.config);
  const router = new Router();
  router.get('/healthz', (ctx) => {
    const ok = resolved.isReady();
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok };
  });
  router.get('/wecom/app', (ctx) => answerVerification(ctx, appKeys));
  router.post('/wecom/app', (ctx) => answerCallback(ctx, resolved, appKeys, () => 'app'));
  router.get('/wecom/bot', (ctx) => answerVerification(ctx, requireBotKeys(ctx, botKeys)));
  router.post('/wecom/bot', (ctx) => answerCallback(ctx, resolved, requireBotKeys(ctx, botKeys), botChannelOf));
  deps.extendRouter?.(router);
  const app = new Koa();
  app.use(errorBoundary(resolved.log));
  app.use(router.routes()).use(router.allowedMethods());
  return Object.assign(app, { dispose: async () => resolved.pool?.close(), clientTimeouts: resolved.clientTimeouts });
}

/**
 * Starts the app on `port` (0 picks a free one) and resolves once it listens. Headers must arrive within the app's
 * `clientTimeouts.headersMs` (default 10 s; Node answers 408 and closes); the whole request within twice headers +
 * body, a backstop for routes that never read their body (the callback routes enforce the body limit themselves).
 * @example const { server, port } = await listen(app, 0);
 */
export function listen(app: Koa & Partial<Pick<CallbackApp, 'clientTimeouts'>>, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const { headersMs, bodyMs } = app.clientTimeouts ?? DEFAULT_CLIENT_TIMEOUTS;
  const server = createServer({
    headersTimeout: headersMs,
    requestTimeout: 2 * (headersMs + bodyMs),
    // Node checks these deadlines only this often (default 30 s), so a check every 500 ms keeps "10 s" close to 10 s.
    connectionsCheckingInterval: Math.max(10, Math.min(500, Math.floor(headersMs / 4))),
  }, app.callback());
  return new Promise((resolve, reject) => {
    server.listen(port, host, LISTEN_BACKLOG);
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

function answerVerification(ctx: Koa.Context, keys: ChannelKeys | null): void {
  if (!keys) return;
  ctx.type = 'text/plain';
  ctx.body = verifyCallbackUrl(keys, readCallbackQuery(ctx.query), readEchostr(ctx.query));
}

async function answerCallback(
  ctx: Koa.Context,
  deps: Resolved,
  keys: ChannelKeys | null,
  channelOf: (body: string) => Channel,
): Promise<void> {
  if (!keys) return;
  const receivedAt = deps.now();
  const body = await readBody(ctx.req, { maxBytes: BODY_LIMIT_BYTES, timeoutMs: deps.clientTimeouts.bodyMs });
  const query = readCallbackQuery(ctx.query);
  const channel = channelOf(body);
  const message = await openMessage(deps, { channel, body, query, keys, replayWindowS: deps.config.replayWindowS, receivedAt, now: deps.now });
  const outcome = await replyInTime(message, deps.handle, deps.replyTimeoutMs, {
    onLateReply: (late, reply) => deps.onLateReply?.(late, reply),
    onLateError: (error) => deps.log(`callback ${channel} ${message.msgId}: late handler failed: ${describe(error)}`),
  });
  ctx.status = 200;
  if (!outcome.inTime || outcome.reply === null) {
    ctx.body = '';
    return;
  }
  const stamp = newReplyStamp(deps.now());
  const encoded = deps.pool
    ? await deps.pool.seal({ kind: 'seal', reply: outcome.reply, message, keys, stamp })
    : encodePassiveReply(outcome.reply, message, keys, stamp);
  ctx.type = encoded.contentType;
  ctx.body = encoded.body;
}

async function openMessage(deps: Resolved, input: CallbackInput): Promise<InboundMessage> {
  if (!deps.pool) return openCallback(input);
  const { now, ...rest } = input;
  return deps.pool.open({ kind: 'open', ...rest, nowMs: now() });
}

function botKeysOf(config: CallbackServerDeps['config']): ChannelKeys | null {
  if (!config.botToken || !config.botEncodingAesKey) return null;
  return { token: config.botToken, encodingAesKey: config.botEncodingAesKey, receiveId: '' };
}

function requireBotKeys(ctx: Koa.Context, keys: ChannelKeys | null): ChannelKeys | null {
  if (keys) return keys;
  ctx.status = 404;
  ctx.body = 'group bot is not configured';
  return null;
}

function errorBoundary(log: (line: string) => void): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const known = error instanceof CallbackRejected ? error : exposedHttpError(error);
      ctx.status = known?.status ?? 500;
      ctx.type = 'text/plain';
      ctx.body = known?.message ?? 'internal error';
      // The rest of an oversized or stalled body is not worth waiting for.
      if (ctx.status === 413 || ctx.status === 408) ctx.set('Connection', 'close');
      log(`${ctx.method} ${ctx.path} ${ctx.status}: ${known ? known.message : describe(error)}`);
    }
  };
}

function exposedHttpError(error: unknown): { status: number; message: string } | null {
  const candidate = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof candidate?.status !== 'number' || candidate.expose !== true) return null;
  return { status: candidate.status, message: String(candidate.message) };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.replace(/\s+/g, ' ');
  return String(error).replace(/\s+/g, ' ');
}
