import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallbackServer, listen } from '../../src/bot/callback-server.js';
import { buildCallback, type FakeCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { APP_KEYS, echoHelp, startTestServer, type TestServer } from './start-test-server.js';

/** What a raw client saw: everything the server wrote, and how long until the server closed the connection. */
interface Seen {
  answer: string;
  closedAfterMs: number;
}

// Each test makes one limit short and the other long, so Node's whole-request backstop (2 × their sum) cannot close
// the connection in time in its place: only the limit under test can.
const HEADERS_LIMITS = { headersMs: 300, bodyMs: 5_000 };
const BODY_LIMITS = { headersMs: 5_000, bodyMs: 300 };
/** How late after its limit a close may come (the server checks deadlines every 75 ms here; a loaded CI machine). */
const SLACK_MS = 1_000;
const DRIBBLE_MS = 80;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Opens a raw connection, sends `head` at once, then one piece of `dribble` every DRIBBLE_MS until the server hangs up. */
function dribble(baseUrl: string, head: string, pieces: string[]): Promise<Seen> {
  const { port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let next = 0;
    const timer = setInterval(() => {
      if (!socket.writable) return;
      socket.write(pieces[next % pieces.length] ?? '');
      next += 1;
    }, DRIBBLE_MS);
    const giveUp = setTimeout(() => socket.destroy(new Error('server never closed the connection')), 5000);
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', (error) => {
      if (error.message.includes('never closed')) reject(error);
    });
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    socket.write(head);
  });
}

function requestHead(callback: FakeCallback, port: string, bodyBytes: number): string {
  return [
    `POST ${callback.path}?${callback.query} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Content-Type: ${callback.contentType}`,
    `Content-Length: ${bodyBytes}`,
    '',
    '',
  ].join('\r\n');
}

describe('slow clients (SPEC §9: headers within 10 s, the body within 10 s after them)', () => {
  it('closes a connection whose headers trickle in past the limit, with a 408 and nothing handled', async () => {
    server = await startTestServer({ clientTimeouts: HEADERS_LIMITS });
    const seen = await dribble(server.baseUrl, 'POST /wecom/app HTTP/1.1\r\nHost: x\r\n', ['X-Slow: 1\r\n']);
    expect(seen.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(seen.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_LIMITS.headersMs - 50);
    expect(seen.closedAfterMs).toBeLessThan(HEADERS_LIMITS.headersMs + SLACK_MS);
    expect(server.handled).toEqual([]);
  });

  it('closes a connection that never sends a byte', async () => {
    server = await startTestServer({ clientTimeouts: HEADERS_LIMITS });
    const seen = await dribble(server.baseUrl, '', ['']);
    expect(seen.closedAfterMs).toBeLessThan(HEADERS_LIMITS.headersMs + SLACK_MS);
  });

  it('answers 408 and closes when the body trickles in past the limit after the headers; nothing is handled', async () => {
    server = await startTestServer({ clientTimeouts: BODY_LIMITS });
    const callback = buildCallback('app', APP_KEYS, { from: 'slow', text: '/help' });
    const port = new URL(server.baseUrl).port;
    const seen = await dribble(server.baseUrl, requestHead(callback, port, Buffer.byteLength(callback.body)), [...callback.body]);
    expect(seen.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(seen.answer.toLowerCase()).toContain('connection: close');
    expect(seen.closedAfterMs).toBeLessThan(BODY_LIMITS.bodyMs + SLACK_MS);
    expect(server.handled).toEqual([]);
    expect(server.logs.at(-1)).toMatch(/POST \/wecom\/app 408: body not received in time/);
  });

  it('still serves a client whose body arrives in pieces within the limit', async () => {
    server = await startTestServer({ clientTimeouts: { headersMs: 2000, bodyMs: 2000 } });
    const callback = buildCallback('app', APP_KEYS, { from: 'steady', text: '/help' });
    const port = new URL(server.baseUrl).port;
    const half = Math.floor(callback.body.length / 2);
    const head = requestHead(callback, port, Buffer.byteLength(callback.body)).replace('HTTP/1.1\r\n', 'HTTP/1.1\r\nConnection: close\r\n');
    const seen = await dribble(server.baseUrl, head, [callback.body.slice(0, half), callback.body.slice(half), '']);
    expect(seen.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(server.handled.map((message) => message.from.userid)).toEqual(['steady']);
  });

  it('defaults to 10 s for the headers and 10 s for the body, with a request backstop', async () => {
    const app = createCallbackServer({
      config: { corpId: 'c', token: 't', encodingAesKey: APP_KEYS.encodingAesKey, botToken: null, botEncodingAesKey: null, replayWindowS: 300 },
      handle: echoHelp,
      isReady: () => true,
    });
    expect(app.clientTimeouts).toEqual({ headersMs: 10_000, bodyMs: 10_000 });
    const { server: http } = await listen(app, 0);
    try {
      expect([http.headersTimeout, http.requestTimeout]).toEqual([10_000, 40_000]);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
