import { type Logger, WSClient, type WsFrame, type WsFrameHeaders } from '@wecom/aibot-node-sdk';

/** How a session's socket ended: dropped (network, heartbeat, no answer), kicked (`disconnected_event`), or refused. */
export type SessionEnd = { kind: 'dropped' } | { kind: 'kicked' } | { kind: 'refused'; errcode: number };

/** What became of a frame sent on the session: acknowledged, refused with an errcode, never sent, or not confirmed. */
export type SendOutcome = { kind: 'sent' } | { kind: 'refused'; errcode: number } | { kind: 'not-sent' } | { kind: 'unconfirmed' };

export interface SessionOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  heartbeatMs: number;
  /** A socket not subscribed this long after opening is given up as dropped. */
  subscribeTimeoutMs: number;
  log: (line: string) => void;
}

export interface SessionEvents {
  onSubscribed(): void;
  /** An `aibot_msg_callback` frame. */
  onMessage(frame: WsFrame): void;
  /** Any other frame from WeCom (an event callback). */
  onActivity(): void;
  /** Called once, unless the session was closed by `close()`. */
  onEnded(end: SessionEnd): void;
}

/** One socket of the long connection, through the official SDK, which subscribes, pings and acknowledges replies. */
export interface AiBotSession {
  send(frame: WsFrameHeaders, body: object): Promise<SendOutcome>;
  /** Closes the socket quietly (no `onEnded`). */
  close(): void;
}

const AUTH_FAILED = /^Authentication failed: .*\(code: (-?\d+)\)$/;

/**
 * Opens one socket and subscribes. The SDK's own reconnecting is turned off (`maxReconnectAttempts: 0`,
 * `maxAuthFailureAttempts: 0`): the long connection decides when to open the next session, holding the lease.
 * @example const session = openAiBotSession(options, { onSubscribed, onMessage, onActivity, onEnded });
 */
export function openAiBotSession(options: SessionOptions, events: SessionEvents): AiBotSession {
  const client = new WSClient({
    botId: options.botId,
    secret: options.secret,
    wsUrl: options.wsUrl,
    heartbeatInterval: options.heartbeatMs,
    maxReconnectAttempts: 0,
    maxAuthFailureAttempts: 0,
    wsOptions: { handshakeTimeout: options.subscribeTimeoutMs },
    logger: sdkLogger(options.log),
  });
  let done = false;
  let kicked = false;
  let refusedWith: number | null = null;
  const finish = (notify: boolean, socketGone = false) => {
    if (done) return;
    done = true;
    clearTimeout(subscribeTimer);
    client.removeAllListeners();
    if (!socketGone) client.disconnect();
    if (notify) events.onEnded(kicked ? { kind: 'kicked' } : refusedWith !== null ? { kind: 'refused', errcode: refusedWith } : { kind: 'dropped' });
  };
  const subscribeTimer = setTimeout(() => finish(true), options.subscribeTimeoutMs);

  client.on('authenticated', () => {
    clearTimeout(subscribeTimer);
    events.onSubscribed();
  });
  client.on('message', (frame) => events.onMessage(frame));
  client.on('event', (frame) => {
    if ((frame.body as { event?: { eventtype?: string } } | undefined)?.event?.eventtype === 'disconnected_event') kicked = true;
    else events.onActivity();
  });
  client.on('error', (error) => {
    const match = AUTH_FAILED.exec(error.message);
    if (match) refusedWith = Number(match[1]);
  });
  client.on('disconnected', (reason) => {
    // The SDK reports a server-side disconnect with this reason even when the event frame had no msgtype.
    if (/new connection established/i.test(String(reason))) kicked = true;
    finish(true, true);
  });
  client.connect();

  return {
    send: (frame, body) => send(client, frame, body),
    close: () => finish(false),
  };
}

async function send(client: WSClient, frame: WsFrameHeaders, body: object): Promise<SendOutcome> {
  if (!client.isConnected) return { kind: 'not-sent' };
  try {
    await client.reply(frame, body);
    return { kind: 'sent' };
  } catch (failure) {
    const errcode = (failure as { errcode?: unknown } | null)?.errcode;
    if (typeof errcode === 'number') return { kind: 'refused', errcode };
    // The SDK rejects with an Error when the socket closed first ("… cancelled") or no ack came in 5 s.
    return /ack timeout/i.test(String((failure as Error)?.message)) ? { kind: 'unconfirmed' } : { kind: 'not-sent' };
  }
}

function sdkLogger(log: (line: string) => void): Logger {
  const line = (message: string, args: unknown[]) => log(`aibot: sdk: ${[message, ...args.map(String)].join(' ')}`);
  return { debug: () => {}, info: () => {}, warn: (message, ...args) => line(message, args), error: (message, ...args) => line(message, args) };
}
