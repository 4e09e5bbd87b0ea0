/**
 * A loopback stand-in for WeCom's AI-bot long connection (wss://openws.work.weixin.qq.com), for tests and the demo
 * only; the product connects to WECOM_AIBOT_WS_URL. It speaks the frames @wecom/aibot-node-sdk 1.0.7 speaks: JSON
 * text frames `{ cmd, headers: { req_id }, body }`, answered `{ headers: { req_id }, errcode, errmsg }`.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { aiBotMessageBody, type FakeMessage } from './fake-inner-messages.js';

export interface FakeAiBotOptions {
  botId: string;
  secret: string;
  port?: number;
}

/** Commands whose answers a test can spoil with `answerNext`. */
export type AnsweredCmd = 'aibot_subscribe' | 'ping' | 'aibot_respond_msg';

export interface RecordedSubscription {
  connection: number;
  botId: string;
  reqId: string;
  errcode: number;
}

/** A frame the bot sent to answer a message (`aibot_respond_msg`, …) and the errcode it was answered with. */
export interface RecordedReply {
  connection: number;
  cmd: string;
  reqId: string;
  body: unknown;
  errcode: number;
}

export interface PushedMessage {
  reqId: string;
  /** False when no connection was subscribed, or the subscribed one is muted. */
  delivered: boolean;
}

export interface FakeAiBotServer {
  url: string;
  subscriptions: RecordedSubscription[];
  replies: RecordedReply[];
  readonly pings: number;
  readonly openConnections: number;
  /** Sends an `aibot_msg_callback` frame carrying `message` (as the AI bot words it) to the subscribed connection. */
  push(message: FakeMessage): PushedMessage;
  /** The next `times` frames of `cmd` are answered with `errcode` (e.g. 846609) instead of 0. */
  answerNext(cmd: AnsweredCmd, errcode: number, times?: number): void;
  /** Drops every connection without a close frame. */
  drop(): void;
  /** As WeCom does when another connection subscribes: `disconnected_event` to the subscribed one, then close. */
  kick(): void;
  /** The subscribed connection gets no more messages (pushes are lost) but pings are still answered. */
  mute(): void;
  /** Resolves once `count` subscriptions have been accepted in all. */
  waitForSubscriptions(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the reply on `reqId` whose stream is finished. */
  waitForReply(reqId: string, timeoutMs?: number): Promise<RecordedReply>;
  close(): Promise<void>;
}

interface Connection {
  id: number;
  socket: WebSocket;
  subscribed: boolean;
  muted: boolean;
  delivered: Set<string>;
}

const NOT_SUBSCRIBED = 846609;
const INVALID_REQ_ID = 846605;
const WRONG_CREDENTIALS = 40001;

/**
 * Starts the fake AI-bot WebSocket server on 127.0.0.1; point the SDK's `wsUrl` at `url`.
 * @example const wecom = await startFakeAiBotServer({ botId: 'bot', secret: 's' }); const { reqId } = wecom.push({ from: 'u1', text: '/me' });
 */
export async function startFakeAiBotServer(options: FakeAiBotOptions): Promise<FakeAiBotServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await once(server, 'listening');
  const fake = new FakeAiBot(options);
  server.on('connection', (socket) => fake.accept(socket));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake.api(), {
    url,
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

class FakeAiBot {
  readonly subscriptions: RecordedSubscription[] = [];
  readonly replies: RecordedReply[] = [];
  readonly events = new EventEmitter();
  private readonly connections = new Set<Connection>();
  private readonly spoiled = new Map<AnsweredCmd, number[]>();
  private current: Connection | null = null;
  private pings = 0;
  private ids = 0;

  constructor(private readonly options: FakeAiBotOptions) {}

  accept(socket: WebSocket): void {
    const connection: Connection = { id: ++this.ids, socket, subscribed: false, muted: false, delivered: new Set() };
    this.connections.add(connection);
    socket.on('message', (data) => this.receive(connection, data));
    socket.on('close', () => {
      this.connections.delete(connection);
      if (this.current === connection) this.current = null;
    });
  }

  api(): Omit<FakeAiBotServer, 'url' | 'close'> {
    const fake = this;
    return {
      subscriptions: this.subscriptions,
      replies: this.replies,
      get pings() {
        return fake.pings;
      },
      get openConnections() {
        return fake.connections.size;
      },
      push: (message) => this.push(message),
      answerNext: (cmd, errcode, times = 1) => this.spoiled.set(cmd, [...(this.spoiled.get(cmd) ?? []), ...Array(times).fill(errcode)]),
      drop: () => this.connections.forEach((c) => c.socket.terminate()),
      kick: () => this.current && this.kick(this.current),
      mute: () => void (this.current && (this.current.muted = true)),
      waitForSubscriptions: (count, timeoutMs) =>
        this.waitFor('subscribed', () => this.subscriptions.filter((s) => s.errcode === 0).length >= count, timeoutMs),
      waitForReply: async (reqId, timeoutMs) => {
        const finished = () => this.replies.find((r) => r.reqId === reqId && isFinished(r.body));
        await this.waitFor('reply', () => Boolean(finished()), timeoutMs);
        return finished() as RecordedReply;
      },
    };
  }

  private push(message: FakeMessage): PushedMessage {
    const reqId = randomBytes(8).toString('hex');
    const target = this.current;
    if (!target || target.muted) return { reqId, delivered: false };
    target.delivered.add(reqId);
    this.send(target, { cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body: { ...aiBotMessageBody(message), aibotid: this.options.botId } });
    return { reqId, delivered: true };
  }

  private kick(target: Connection): void {
    const event = { msgid: randomBytes(8).toString('hex'), create_time: Math.floor(Date.now() / 1000), aibotid: this.options.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } };
    this.send(target, { cmd: 'aibot_event_callback', headers: { req_id: randomBytes(8).toString('hex') }, body: event });
    target.subscribed = false;
    if (this.current === target) this.current = null;
    target.socket.close();
  }

  private receive(connection: Connection, data: RawData): void {
    let frame: { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    const reqId = String(frame.headers?.req_id ?? '');
    if (frame.cmd === 'aibot_subscribe') return this.subscribe(connection, reqId, frame.body ?? {});
    if (frame.cmd === 'ping') {
      this.pings++;
      return this.answer(connection, reqId, this.spoil('ping') ?? (connection.subscribed ? 0 : NOT_SUBSCRIBED));
    }
    if (frame.cmd?.startsWith('aibot_respond')) return this.respond(connection, frame.cmd, reqId, frame.body);
  }

  private subscribe(connection: Connection, reqId: string, body: Record<string, unknown>): void {
    const botId = String(body.bot_id ?? '');
    const rightKeys = botId === this.options.botId && body.secret === this.options.secret;
    const errcode = this.spoil('aibot_subscribe') ?? (rightKeys ? 0 : WRONG_CREDENTIALS);
    this.subscriptions.push({ connection: connection.id, botId, reqId, errcode });
    this.answer(connection, reqId, errcode);
    if (errcode !== 0) return;
    const previous = this.current;
    if (previous && previous !== connection) this.kick(previous);
    connection.subscribed = true;
    this.current = connection;
    this.events.emit('subscribed');
  }

  private respond(connection: Connection, cmd: string, reqId: string, body: unknown): void {
    const errcode =
      this.spoil('aibot_respond_msg') ?? (!connection.subscribed ? NOT_SUBSCRIBED : connection.delivered.has(reqId) ? 0 : INVALID_REQ_ID);
    this.replies.push({ connection: connection.id, cmd, reqId, body, errcode });
    this.answer(connection, reqId, errcode);
    this.events.emit('reply');
  }

  private spoil(cmd: AnsweredCmd): number | undefined {
    return this.spoiled.get(cmd)?.shift();
  }

  private answer(connection: Connection, reqId: string, errcode: number): void {
    this.send(connection, { headers: { req_id: reqId }, errcode, errmsg: errcode === 0 ? 'ok' : errmsgOf(errcode) });
  }

  private send(connection: Connection, frame: unknown): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(frame));
  }

  private waitFor(event: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`fake AI bot: timed out waiting for ${event}`));
      }, timeoutMs);
      const stop = () => {
        clearTimeout(timer);
        this.events.off(event, check);
      };
      this.events.on(event, check);
      check();
    });
  }
}

function isFinished(body: unknown): boolean {
  return (body as { stream?: { finish?: unknown } } | null)?.stream?.finish === true;
}

function errmsgOf(errcode: number): string {
  if (errcode === NOT_SUBSCRIBED) return 'aibot websocket not subscribed';
  if (errcode === INVALID_REQ_ID) return 'invalid req_id';
  if (errcode === WRONG_CREDENTIALS) return 'invalid bot_id or secret';
  return 'injected failure';
}
