/**
 * A loopback stand-in for qyapi.weixin.qq.com, for tests and the demo only; the product talks to WECOM_API_BASE.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { fail } from './fake-api-answers.js';
import { answerLoginPage, LOGIN_APIS, LOGIN_PAGES } from './fake-login.js';
import type { Answer, FakeApiName, FakeState, FakeWeComApi, FakeWeComApiOptions, Fault, Handler, RecordedCall } from './fake-api-types.js';
import { MESSAGE_APIS } from './fake-message-apis.js';
import { SOURCE_APIS } from './fake-source-apis.js';

export type * from './fake-api-types.js';
export { SOURCE_REFUSALS, UNKNOWN_SOURCE_ERRCODE } from './fake-source-apis.js';

const HANDLERS: Partial<Record<FakeApiName, Handler>> = { ...MESSAGE_APIS, ...SOURCE_APIS, ...LOGIN_APIS };

/**
 * Starts the fake WeCom API on 127.0.0.1: it records every call, can be told to fail, serves the lives and meetings a
 * test sets up, and the web login pages (WECOM_OAUTH_BASE and WECOM_QR_LOGIN_BASE may point here too).
 * @example const api = await startFakeWeComApi(); api.failNext('message/send', { errcode: -1, times: 2 });
 */
export async function startFakeWeComApi(options: FakeWeComApiOptions = {}): Promise<FakeWeComApi> {
  const state = initialState(options);
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
    addLiving: (livingid, living) => void state.livings.set(livingid, { ...living }),
    addMeeting: (meetingid, meeting) => void state.meetings.set(meetingid, { ...meeting }),
    refuseSource: (id, refusal) => void state.refusals.set(id, { ...refusal }),
    setWatchStatPageSize(size) {
      state.watchStatPageSize = size;
    },
    created: state.created,
    signInAs: (userid) => void state.nextLogins.push(userid),
    setLoginUsers: (users) => void (state.loginUsers = [...users]),
    expireLoginCodes() {
      for (const issued of state.loginCodes.values()) issued.expiresAt = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function initialState(options: FakeWeComApiOptions): FakeState {
  return {
    options,
    calls: [],
    faults: new Map(),
    tokens: new Map(),
    tokensIssued: 0,
    ids: 0,
    livings: new Map(Object.entries(options.livings ?? {})),
    meetings: new Map(Object.entries(options.meetings ?? {})),
    refusals: new Map(),
    watchStatPageSize: options.watchStatPageSize ?? 100,
    created: { livings: [], meetings: [] },
    loginCodes: new Map(),
    nextLogins: [],
    loginUsers: [],
  };
}

function takeFault(state: FakeState, api: FakeApiName): Fault | undefined {
  const queue = state.faults.get(api);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) queue.shift();
  return fault;
}

async function serve(req: IncomingMessage, res: ServerResponse, state: FakeState): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  if (Object.hasOwn(LOGIN_PAGES, url.pathname)) {
    const page = answerLoginPage(state, url);
    res.writeHead(page.status, page.headers);
    return void res.end(page.body);
  }
  const raw = await readBody(req);
  const name = (url.pathname.startsWith('/cgi-bin/') ? url.pathname.slice('/cgi-bin/'.length) : '') as FakeApiName;
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  const api = handler ? name : undefined;
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
  if (!api || !handler) return answer(res, call, { status: 404, json: { errcode: 404, errmsg: 'not found' } });
  const fault = takeFault(state, api);
  if (fault?.delayMs) await delay(fault.delayMs);
  if (fault?.reset) return void req.socket.destroy();
  if (fault?.status) return answer(res, call, { status: fault.status, json: { errmsg: 'injected failure' } });
  if (fault?.errcode !== undefined) return answer(res, call, fail(fault.errcode, fault.errmsg ?? 'injected failure'));
  answer(res, call, await handler({ state, query: call.query, body: call.body, raw, req, call }));
}

function answer(res: ServerResponse, call: RecordedCall, { status = 200, json }: Answer): void {
  call.status = status;
  call.errcode = typeof json.errcode === 'number' ? json.errcode : null;
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
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
