import type { Server } from 'node:http';
import { type CallbackServerDeps, createCallbackServer, listen } from '../../src/bot/callback-server.js';
import type { InboundMessage, Reply } from '../../src/bot/inbound-message.js';
import type { FakeKeys } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { OFFICIAL } from './official-vectors.js';
import { md } from '../../src/bot/markdown.js';

export const APP_KEYS: FakeKeys = { token: OFFICIAL.token, encodingAesKey: OFFICIAL.encodingAesKey, receiveId: OFFICIAL.corpId };
export const BOT_KEYS: FakeKeys = { token: 'botTokenX', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };

/** A running callback server with a stub handler that answers `/help` and records what it was given. */
export interface TestServer {
  baseUrl: string;
  handled: InboundMessage[];
  logs: string[];
  close: () => Promise<void>;
}

/** The stub pipeline: `/help` (with or without a leading @mention) gets an answer, anything else none. */
export async function echoHelp(message: InboundMessage): Promise<Reply | null> {
  if (!/(^|\s)\/help\b/.test(message.text)) return null;
  return { text: `帮助：/me /rank（${message.from.userid}）`, markdown: md`**帮助** /me /rank（${message.from.userid}）` };
}

export async function startTestServer(overrides: Partial<CallbackServerDeps> & { bot?: boolean; replayWindowS?: number } = {}): Promise<TestServer> {
  const handled: InboundMessage[] = [];
  const logs: string[] = [];
  const { bot = true, replayWindowS = 300, handle = echoHelp, ...rest } = overrides;
  const app = createCallbackServer({
    config: {
      corpId: APP_KEYS.receiveId,
      token: APP_KEYS.token,
      encodingAesKey: APP_KEYS.encodingAesKey,
      botToken: bot ? BOT_KEYS.token : null,
      botEncodingAesKey: bot ? BOT_KEYS.encodingAesKey : null,
      replayWindowS,
    },
    handle: (message) => {
      handled.push(message);
      return handle(message);
    },
    isReady: () => true,
    log: (line) => logs.push(line),
    ...rest,
  });
  const { server, port } = await listen(app, 0);
  return { baseUrl: `http://127.0.0.1:${port}`, handled, logs, close: () => closeServer(server).then(() => app.dispose()) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
