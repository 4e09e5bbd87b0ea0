import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export type FakeApiName = 'gettoken' | 'message/send' | 'media/upload' | 'webhook/send' | 'webhook/upload_media' | 'user/get';

/** What the next call(s) to one API suffer. `reset` drops the connection without an answer. */
export interface Fault {
  errcode?: number;
  errmsg?: string;
  status?: number;
  delayMs?: number;
  reset?: boolean;
  /** How many calls in a row (default 1). */
  times?: number;
}

export interface RecordedCall {
  api: FakeApiName | 'unknown';
  method: string;
  query: Record<string, string>;
  /** The parsed JSON body, or null (GET, multipart). */
  body: unknown;
  /** `touser` of message/send, split on `|`. */
  touser: string[];
  chatid?: string;
  media?: { filename: string; size: number };
  timestamp: number;
  /** HTTP status answered (0 when the connection was dropped) and the errcode in the answer (null when none). */
  status: number;
  errcode: number | null;
}

export interface FakeWeComApiOptions {
  port?: number;
  /** When set, gettoken checks them (40013 / 40001); otherwise any corp id and secret get a token. */
  corpId?: string;
  secret?: string;
  /** When set, user/get knows only these (60111 otherwise); otherwise any userid is a user named after itself. */
  users?: Record<string, { name: string; department?: number[] }>;
}

export interface FakeWeComApi {
  baseUrl: string;
  calls: RecordedCall[];
  /** How many tokens gettoken has issued. */
  readonly tokensIssued: number;
  /** Calls of one API that were answered errcode 0. */
  delivered(api: FakeApiName): RecordedCall[];
  failNext(api: FakeApiName, fault: Fault): void;
  /** Every token issued so far answers 42001 from now on. */
  expireTokens(): void;
  /** A group robot webhook URL on this server. */
  webhookUrl(key?: string): string;
  close(): Promise<void>;
}

type Answer = { status?: number; json: Record<string, unknown> };
interface State {
  options: FakeWeComApiOptions;
  calls: RecordedCall[];
  faults: Map<FakeApiName, Fault[]>;
  tokens: Map<string, number>; // token → expiry (ms)
  tokensIssued: number;
  ids: number;
}
interface Context {
  state: State;
  query: Record<string, string>;
  body: unknown;
  raw: Buffer;
  req: IncomingMessage;
  call: RecordedCall;
}
type Handler = (ctx: Context) => Promise<Answer> | Answer;

const PATHS: Record<string, FakeApiName> = {
  '/cgi-bin/gettoken': 'gettoken',
  '/cgi-bin/message/send': 'message/send',
  '/cgi-bin/media/upload': 'media/upload',
  '/cgi-bin/webhook/send': 'webhook/send',
  '/cgi-bin/webhook/upload_media': 'webhook/upload_media',
  '/cgi-bin/user/get': 'user/get',
};
const LIMITS: Record<string, number> = { text: 2048, markdown: 4096 };
const TOKEN_TTL_S = 7200;

const ok = (extra: Record<string, unknown> = {}): Answer => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });
const fail = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg } });
const nextId = (state: State, prefix: string): string => `${prefix}-${++state.ids}`;

const requireToken = (handler: Handler): Handler => (ctx) => {
  const expiresAt = ctx.state.tokens.get(ctx.query.access_token ?? '');
  if (expiresAt === undefined) return fail(40014, 'invalid access_token');
  if (Date.now() >= expiresAt) return fail(42001, 'access_token expired');
  return handler(ctx);
};

const HANDLERS: Record<FakeApiName, Handler> = {
  gettoken: ({ state, query }) => {
    const { corpId, secret } = state.options;
    if (corpId && query.corpid !== corpId) return fail(40013, 'invalid corpid');
    if (secret && query.corpsecret !== secret) return fail(40001, 'invalid credential');
    const token = `tok-${++state.tokensIssued}`;
    state.tokens.set(token, Date.now() + TOKEN_TTL_S * 1000);
    return ok({ access_token: token, expires_in: TOKEN_TTL_S });
  },
  'message/send': requireToken(({ state, body, call }) => {
    const problem = checkMessage(body, ['agentid']);
    if (problem) return problem;
    const message = body as Record<string, unknown>;
    if (!message.touser && !message.toparty) return fail(40031, 'invalid user list');
    call.touser = String(message.touser ?? '').split('|').filter(Boolean);
    const { users } = state.options;
    const unknown = users ? call.touser.filter((u) => u !== '@all' && !users[u]) : [];
    return ok({ msgid: nextId(state, 'msg'), invaliduser: unknown.join('|') });
  }),
  'media/upload': requireToken(async ({ state, query, raw, req, call }) => {
    if (query.type !== 'image' && query.type !== 'file') return fail(40004, 'invalid media type');
    return (await readMedia(raw, req, call)) ?? ok({ type: query.type, media_id: nextId(state, 'media'), created_at: '1' });
  }),
  'user/get': requireToken(({ state, query }) => {
    const userid = query.userid ?? '';
    const user = state.options.users ? state.options.users[userid] : { name: userid, department: [1] };
    return user ? ok({ userid, department: [1], ...user }) : fail(60111, 'userid not found');
  }),
  'webhook/send': ({ query, body, call }) => {
    if (!query.key) return fail(93000, 'invalid webhook url');
    call.chatid = (body as { chatid?: string } | null)?.chatid;
    return checkMessage(body, []) ?? ok();
  },
  'webhook/upload_media': async ({ state, query, raw, req, call }) => {
    if (!query.key) return fail(93000, 'invalid webhook url');
    if (query.type !== 'file') return fail(40004, 'invalid media type');
    return (await readMedia(raw, req, call)) ?? ok({ type: 'file', media_id: nextId(state, 'media'), created_at: '1' });
  },
};

/**
 * A loopback stand-in for qyapi.weixin.qq.com that records every call and can be told to fail.
 * @example const api = await startFakeWeComApi(); api.failNext('message/send', { errcode: -1, times: 2 });
 */
export async function startFakeWeComApi(options: FakeWeComApiOptions = {}): Promise<FakeWeComApi> {
  const state: State = { options, calls: [], faults: new Map(), tokens: new Map(), tokensIssued: 0, ids: 0 };
  const server = createServer((req, res) => {
    serve(req, res, state).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    calls: state.calls,
    get tokensIssued() {
      return state.tokensIssued;
    },
    delivered: (api) => state.calls.filter((c) => c.api === api && c.errcode === 0),
    failNext(api, fault) {
      state.faults.set(api, [...(state.faults.get(api) ?? []), { ...fault }]);
    },
    expireTokens() {
      for (const token of state.tokens.keys()) state.tokens.set(token, 0);
    },
    webhookUrl: (key = 'test-key') => `${baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function takeFault(state: State, api: FakeApiName): Fault | undefined {
  const queue = state.faults.get(api);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) queue.shift();
  return fault;
}

async function serve(req: IncomingMessage, res: ServerResponse, state: State): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const raw = await readBody(req);
  const api = PATHS[url.pathname];
  const call: RecordedCall = {
    api: api ?? 'unknown',
    method: req.method ?? 'GET',
    query: Object.fromEntries(url.searchParams),
    body: parseJson(raw, req),
    touser: [],
    timestamp: Date.now(),
    status: 0,
    errcode: null,
  };
  state.calls.push(call);
  if (!api) return answer(res, call, { status: 404, json: { errcode: 404, errmsg: 'not found' } });
  const fault = takeFault(state, api);
  if (fault?.delayMs) await delay(fault.delayMs);
  if (fault?.reset) return void req.socket.destroy();
  if (fault?.status) return answer(res, call, { status: fault.status, json: { errmsg: 'injected failure' } });
  if (fault?.errcode !== undefined) return answer(res, call, fail(fault.errcode, fault.errmsg ?? 'injected failure'));
  answer(res, call, await HANDLERS[api]({ state, query: call.query, body: call.body, raw, req, call }));
}

function answer(res: ServerResponse, call: RecordedCall, { status = 200, json }: Answer): void {
  call.status = status;
  call.errcode = typeof json.errcode === 'number' ? json.errcode : null;
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
}

function checkMessage(body: unknown, required: string[]): Answer | undefined {
  if (typeof body !== 'object' || body === null) return fail(47001, 'data format error');
  const message = body as Record<string, unknown>;
  if (required.some((key) => message[key] === undefined)) return fail(41011, `missing ${required.join('/')}`);
  const msgtype = String(message.msgtype ?? '');
  const content = message[msgtype] as Record<string, unknown> | undefined;
  if (!content || typeof content !== 'object') return fail(40008, 'invalid message type');
  const limit = LIMITS[msgtype];
  if (limit && Buffer.byteLength(String(content.content ?? '')) > limit) return fail(45002, 'content size out of limit');
  if (msgtype === 'image' && 'base64' in content) {
    const md5 = createHash('md5').update(Buffer.from(String(content.base64), 'base64')).digest('hex');
    if (md5 !== content.md5) return fail(40009, 'invalid image md5');
  }
  return undefined;
}

async function readMedia(raw: Buffer, req: IncomingMessage, call: RecordedCall): Promise<Answer | undefined> {
  try {
    const headers = { 'content-type': req.headers['content-type'] ?? '' };
    const request = new Request('http://fake/', { method: 'POST', headers, body: new Uint8Array(raw) });
    const media = (await request.formData()).get('media');
    if (!media || typeof media === 'string') return fail(41001, 'missing media');
    call.media = { filename: media.name, size: media.size };
    return media.size < 5 ? fail(40006, 'invalid file size') : undefined;
  } catch {
    return fail(47001, 'data format error');
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer, req: IncomingMessage): unknown {
  if (raw.length === 0 || String(req.headers['content-type'] ?? '').startsWith('multipart/')) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
