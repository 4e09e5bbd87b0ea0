import type { WsFrame, WsFrameHeaders } from '@wecom/aibot-node-sdk';
import type { AiBotStream } from '../bot/ai-bot-stream.js';
import type { InboundMessage, MessageHandler, Reply } from '../bot/inbound-message.js';
import { backoffDelay } from '../bot/wecom-retry.js';
import { type AiBotSession, openAiBotSession, type SessionEnd } from './aibot-session.js';
import { answerFrame, type AnswerTimings } from './answer-frame.js';
import type { ConnectionLease } from './connection-lease.js';
import { createInboundWatchdog, type InboundWatchdog } from './inbound-watchdog.js';
import { keepLease, type LeaseKeeper } from './lease-keeper.js';

/** Every wait of the long connection, in ms; tests shorten them. */
export interface LongConnectionTimings extends AnswerTimings {
  /** How often the holder renews the lease and anyone else tries to take it. */
  leaseMs: number;
  /** Backoff between sessions: base · 2^(n−1) plus jitter, capped; reset once a session stays up `reconnectCapMs`. */
  reconnectBaseMs: number;
  reconnectCapMs: number;
  /** Cap for retrying a subscription WeCom refused (a wrong bot id or secret needs the operator, not hammering). */
  refusedCapMs: number;
  subscribeTimeoutMs: number;
  heartbeatMs: number;
  /** No message or event for this long while subscribed: re-subscribe (see README, 长连接). */
  inboundSilenceMs: number;
}

export const DEFAULT_TIMINGS: LongConnectionTimings = {
  leaseMs: 10_000,
  reconnectBaseMs: 1_000,
  reconnectCapMs: 10_000,
  refusedCapMs: 300_000,
  subscribeTimeoutMs: 8_000,
  heartbeatMs: 30_000,
  inboundSilenceMs: 10 * 60_000,
  firstFrameMs: 4_000,
  streamLimitMs: 5.5 * 60_000,
  handlerRetryMs: 1_000,
};

export interface LongConnectionOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  lease: ConnectionLease;
  /** The message pipeline callbacks use. */
  handle: MessageHandler;
  /** An answer the socket could not carry (see `answerFrame`); `serve` queues it like a late callback reply. */
  onUndelivered?: (message: InboundMessage, reply: Reply) => void;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
  timings?: Partial<LongConnectionTimings>;
}

export interface LongConnection {
  /** True while this instance holds the lease. */
  readonly holder: boolean;
  /** True while a socket is subscribed. */
  readonly subscribed: boolean;
  /** Disconnects and releases the lease. */
  stop(): Promise<void>;
}

/** errcode: the socket is not (or no longer) subscribed; WeCom's answer during a re-subscription, so retryable. */
export const NOT_SUBSCRIBED = 846609;
const SEND_TRIES = 3;

/**
 * The AI bot's long connection (SPEC §13): only the lease holder connects; it subscribes at once, re-subscribes after
 * a drop (backoff), after `disconnected_event` only while it still holds the lease, and when nothing has arrived for
 * `inboundSilenceMs`. Each message goes to `handle` and is answered on its req_id. Only `serve` starts it.
 * @example const connection = startLongConnection({ botId, secret, wsUrl, lease, handle }); await connection.stop();
 */
export function startLongConnection(options: LongConnectionOptions): LongConnection {
  const runner = new LongConnectionRunner(options);
  return {
    get holder() {
      return runner.keeper.holding;
    },
    get subscribed() {
      return runner.subscribed;
    },
    stop: () => runner.stop(),
  };
}

class LongConnectionRunner {
  readonly keeper: LeaseKeeper;
  subscribed = false;
  private readonly timings: LongConnectionTimings;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly watchdog: InboundWatchdog;
  private session: AiBotSession | null = null;
  private retiring: AiBotSession | null = null;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private subscribedAt = 0;
  private waiters: Array<(session: AiBotSession | null) => void> = [];
  private stopped = false;

  constructor(private readonly options: LongConnectionOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.log = options.log ?? ((line) => console.error(line));
    this.now = options.now ?? Date.now;
    this.watchdog = createInboundWatchdog(this.timings.inboundSilenceMs, () => this.onSilence());
    this.keeper = keepLease(options.lease, this.timings.leaseMs, {
      onGained: () => this.onGained(),
      onLost: () => this.onLost(),
      log: this.log,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.disconnect();
    await this.keeper.stop();
  }

  private onGained(): void {
    if (this.stopped) return;
    this.log('aibot: holding the long-connection lease; connecting');
    this.attempts = 0;
    this.open();
  }

  private onLost(): void {
    this.log('aibot: lease lost; disconnecting (another instance may hold the connection now)');
    this.disconnect();
  }

  private disconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.watchdog.stop();
    this.subscribed = false;
    for (const session of [this.session, this.retiring]) session?.close();
    this.session = this.retiring = null;
    this.release(null);
  }

  private open(): void {
    const { botId, secret, wsUrl } = this.options;
    const { heartbeatMs, subscribeTimeoutMs } = this.timings;
    const session: AiBotSession = openAiBotSession(
      { botId, secret, wsUrl, heartbeatMs, subscribeTimeoutMs, log: this.log },
      {
        onSubscribed: () => this.onSubscribed(session),
        onMessage: (frame) => this.onMessage(session, frame),
        onActivity: () => session === this.session && this.watchdog.reset(),
        onEnded: (end) => this.onEnded(session, end),
      },
    );
    this.session = session;
  }

  private onSubscribed(session: AiBotSession): void {
    if (session !== this.session) return;
    this.log(`aibot: subscribed${this.retiring ? ' (replacing the previous socket)' : ''}`);
    this.retiring?.close();
    this.retiring = null;
    this.subscribed = true;
    this.subscribedAt = this.now();
    this.watchdog.reset();
    this.release(session);
  }

  private onMessage(session: AiBotSession, frame: WsFrame): void {
    if (session === this.session) this.watchdog.reset();
    const send = (body: AiBotStream, deadline: number) => this.send(session, frame, body, deadline);
    const { handle, onUndelivered } = this.options;
    void answerFrame(frame.body, { handle, onUndelivered, send, timings: this.timings, now: this.now, log: this.log }).catch(
      (error: unknown) => this.log(`aibot: answering failed: ${String((error as Error)?.message ?? error)}`),
    );
  }

  private onEnded(session: AiBotSession, end: SessionEnd): void {
    if (session === this.retiring) this.retiring = null;
    if (session !== this.session) return;
    this.session = null;
    this.subscribed = false;
    this.watchdog.stop();
    if (this.stopped || !this.keeper.holding) return;
    if (this.now() - this.subscribedAt >= this.timings.reconnectCapMs) this.attempts = 0;
    this.attempts++;
    if (end.kind === 'kicked') return void this.afterKick();
    if (end.kind === 'refused' && end.errcode !== NOT_SUBSCRIBED) {
      this.log(`aibot: subscription refused (errcode ${end.errcode}): 请核对 WECOM_AIBOT_ID 与 WECOM_AIBOT_SECRET（智能机器人 → API 模式 → 长连接）`);
      return this.reconnectIn(this.timings.refusedCapMs);
    }
    this.log(`aibot: connection ${end.kind === 'refused' ? `refused (errcode ${end.errcode}, retryable)` : 'dropped'}; re-subscribing`);
    this.reconnectIn(this.timings.reconnectCapMs);
  }

  private async afterKick(): Promise<void> {
    this.log('aibot: disconnected_event (another socket subscribed this bot); checking the lease');
    if (await this.keeper.confirm()) this.reconnectIn(this.timings.reconnectCapMs);
  }

  private reconnectIn(capMs: number): void {
    if (this.reconnectTimer || this.stopped) return;
    const delay = backoffDelay(this.attempts, this.timings.reconnectBaseMs, capMs, this.options.random ?? Math.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped && this.keeper.holding && !this.session) this.open();
    }, delay);
  }

  private onSilence(): void {
    if (!this.session || !this.subscribed) return;
    this.log(`aibot: nothing received for ${Math.round(this.timings.inboundSilenceMs / 1000)} s though pings succeed; re-subscribing`);
    this.resubscribe();
  }

  /** Opens a new socket first and retires the old one once the new one is subscribed (WeCom keeps the newest). */
  private resubscribe(): void {
    if (!this.session || this.retiring) return;
    this.retiring = this.session;
    this.subscribed = false;
    this.watchdog.stop();
    this.open();
  }

  private async send(session: AiBotSession, frame: WsFrameHeaders, body: AiBotStream, deadline: number): Promise<boolean> {
    const reqId = frame.headers.req_id;
    let current: AiBotSession | null = session;
    for (let attempt = 1; current && attempt <= SEND_TRIES; attempt++) {
      const outcome = await current.send(frame, body);
      if (outcome.kind === 'sent') return true;
      if (outcome.kind === 'unconfirmed') {
        // It may well have arrived: sending again could show the answer twice.
        this.log(`aibot: reply on ${reqId} not acknowledged in time`);
        return true;
      }
      if (outcome.kind === 'refused' && outcome.errcode !== NOT_SUBSCRIBED) {
        this.log(`aibot: reply on ${reqId} refused (errcode ${outcome.errcode})`);
        return false;
      }
      if (outcome.kind === 'refused' && current === this.session && this.subscribed) {
        this.log(`aibot: reply on ${reqId} answered ${NOT_SUBSCRIBED} (not subscribed); re-subscribing and trying again`);
        this.resubscribe();
      }
      const live: AiBotSession | null = this.subscribed && this.session !== current ? this.session : null;
      current = live ?? (await this.nextSubscription(deadline));
    }
    this.log(`aibot: reply on ${reqId} not delivered on the socket`);
    return false;
  }

  /** The next subscribed session, or null at `deadline` or when the connection ends. */
  private nextSubscription(deadline: number): Promise<AiBotSession | null> {
    if (this.stopped || !this.keeper.holding) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), Math.max(0, deadline - this.now()));
      const done = (session: AiBotSession | null) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve(session);
      };
      this.waiters.push(done);
    });
  }

  private release(session: AiBotSession | null): void {
    for (const waiter of [...this.waiters]) waiter(session);
  }
}
