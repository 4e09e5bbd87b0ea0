/**
 * A running camp for chat tests: a fresh `:memory:` database with a sample camp and roster, and the real callback
 * server on a free loopback port wired to the real message pipeline (`createRespond`). Messages go in signed and
 * encrypted exactly as WeCom sends them; answers come back decrypted.
 */
import type { Server } from 'node:http';
import type { Router } from '@koa/router';
import { createMessageHandler } from '../../src/app/handle-message.js';
import { createRespond } from '../../src/app/respond.js';
import { createCallbackServer, listen } from '../../src/bot/callback-server.js';
import type { Channel } from '../../src/bot/inbound-message.js';
import type { XmlObject } from '../../src/bot/parse-xml.js';
import { localDateOf } from '../../src/camp/time-zone.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { openSqliteStore } from '../../src/db/sqlite/open-sqlite-store.js';
import { importRoster, type RosterRow } from '../../src/db/roster-store.js';
import { buildCallback, type FakeKeys, type FakeMessage, openPassiveReply, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { openTestStore } from './test-store.js';

export const CORP_ID = 'wwcampfixture0001';
export const APP_KEYS: FakeKeys = { token: 'appToken', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: CORP_ID };
export const BOT_KEYS: FakeKeys = { token: 'botToken', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
export const CAMP_ID = 'ai-test';
export const CHAT_ID = 'wrGroupAiTest';
export const BOT_NAME = '训练营助手';
const DAY = 86_400_000;

/** The sample roster: a trainer, a manager, an admin and five learners in two teams. */
export const ROSTER: RosterRow[] = [
  { userid: 'zhang', name: '张老师', department: '培训部', team: null, role: 'trainer', joined: null },
  { userid: 'wang', name: '王经理', department: '研发部', team: null, role: 'manager', joined: null },
  { userid: 'zhao', name: '赵行政', department: '行政部', team: null, role: 'admin', joined: null },
  { userid: 'ming', name: '小明', department: '研发部', team: 'A', role: 'learner', joined: '2020-03-01' },
  { userid: 'hong', name: '小红', department: '研发部', team: 'A', role: 'learner', joined: '2026-07-01' },
  { userid: 'gang', name: '小刚', department: '产品部', team: 'B', role: 'learner', joined: '2019-05-01' },
  { userid: 'li', name: '小丽', department: '产品部', team: 'B', role: 'learner', joined: '2026-08-01' },
  { userid: 'hua', name: '小华', department: '产品部', team: 'B', role: 'learner', joined: '2021-01-01' },
];

/** The sample camp file: running from a week ago for a month, 4 lessons, the SPEC rubric otherwise. */
export function sampleCampYaml(now = Date.now(), extra = ''): string {
  return `
id: ${CAMP_ID}
name: AI 测试营
timezone: Asia/Shanghai
starts: ${localDateOf(now - 7 * DAY, 'Asia/Shanghai')}
ends: ${localDateOf(now + 30 * DAY, 'Asia/Shanghai')}
lessons: 4
chats: [${CHAT_ID}]
trainers: [zhang]
managers: [wang]
admins: { users: [zhao] }
${extra}`;
}

export interface EventRow {
  id: number;
  type: string;
  userid: string | null;
  num: number | null;
  text: string | null;
  ref: string | null;
  actor: string;
  source: string;
  happenedAt: number;
  revokes: number | null;
  note: string | null;
}

export interface CampFixture {
  store: Store;
  baseUrl: string;
  /** Sends a message on a channel; resolves with the HTTP status and the decrypted answer text (null when none). */
  send(channel: Channel, message: FakeMessage): Promise<{ status: number; reply: string | null }>;
  /** A 1:1 text message to the app. */
  app(from: string, text: string, extra?: Partial<FakeMessage>): Promise<string | null>;
  /** A group robot text message in the bound chat, starting with `@训练营助手`. */
  group(from: string, text: string, extra?: Partial<FakeMessage>): Promise<string | null>;
  /** An AI bot text message (1:1 unless `chatId` is given). */
  aiBot(from: string, text: string, extra?: Partial<FakeMessage>): Promise<string | null>;
  /** Every ledger row, in id order. */
  events(): Promise<EventRow[]>;
  /** Runs `action` and returns its result with the ledger rows it added. */
  delta<T>(action: () => Promise<T>): Promise<{ result: T; added: EventRow[] }>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** Replaces the sample camp file. */
  campYaml?: string;
  roster?: RosterRow[];
  /** Clock for the pipeline (default Date.now). */
  now?: () => number;
  /** A SQLite file instead of the test store (for tests that also run the CLI on it). */
  dbFile?: string;
  /** Settings the commands get (default: a certificate secret and a local public URL). */
  settings?: { certSecret: string | null; publicBaseUrl: string };
  /** Adds routes to the server (the console's), given the fixture's store. */
  extendRouter?: (router: Router, store: Store) => void;
}

/** Starts a fresh camp and server. */
export async function startCampFixture(options: FixtureOptions = {}): Promise<CampFixture> {
  const store = options.dbFile ? openSqliteStore(options.dbFile) : await openTestStore();
  await saveCamp(store, parseCampFile(options.campYaml ?? sampleCampYaml()), Date.now());
  await importRoster(store, CAMP_ID, options.roster ?? ROSTER);
  const settings = options.settings ?? { certSecret: 'fixture-cert-secret', publicBaseUrl: 'http://localhost:3000' };
  const respond = createRespond({ settings, log: () => {} });
  const handle = createMessageHandler({ store, respond, log: () => {}, ...(options.now ? { now: options.now } : {}) });
  const app = createCallbackServer({
    config: {
      corpId: CORP_ID,
      token: APP_KEYS.token,
      encodingAesKey: APP_KEYS.encodingAesKey,
      botToken: BOT_KEYS.token,
      botEncodingAesKey: BOT_KEYS.encodingAesKey,
      replayWindowS: 300,
    },
    handle,
    isReady: () => true,
    log: () => {},
    extendRouter: options.extendRouter && ((router) => options.extendRouter!(router, store)),
  });
  const { server, port } = await listen(app, 0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const send = (channel: Channel, message: FakeMessage) => sendMessage(baseUrl, channel, message);
  const events = async (): Promise<EventRow[]> =>
    (await listEvents(store)).map(({ id, type, userid, num, text, ref, actor, source, happenedAt, revokes, note }) => (
      { id, type, userid, num, text, ref, actor, source, happenedAt, revokes, note }));
  return {
    store,
    baseUrl,
    send,
    app: async (from, text, extra) => (await send('app', { from, text, ...extra })).reply,
    group: async (from, text, extra) =>
      (await send('group-robot', { from, text: `@${BOT_NAME} ${text}`, chatId: CHAT_ID, ...extra })).reply,
    aiBot: async (from, text, extra) => (await send('ai-bot', { from, text, ...extra })).reply,
    events,
    delta: async (action) => {
      const before = (await events()).length;
      const result = await action();
      return { result, added: (await events()).slice(before) };
    },
    close: async () => {
      await closeServer(server);
      await store.close();
    },
  };
}

async function sendMessage(baseUrl: string, channel: Channel, message: FakeMessage): Promise<{ status: number; reply: string | null }> {
  const keys = channel === 'app' ? APP_KEYS : BOT_KEYS;
  const response = await postCallback(baseUrl, buildCallback(channel, keys, message));
  if (response.status !== 200) throw new Error(`callback answered ${response.status}: ${response.body}`);
  if (response.body === '') return { status: response.status, reply: null };
  return { status: response.status, reply: replyText(channel, openPassiveReply(channel, keys, response.body).parsed) };
}

function replyText(channel: Channel, parsed: XmlObject | Record<string, unknown>): string {
  if (channel === 'ai-bot') return String((parsed.stream as { content: string }).content);
  const xml = parsed as XmlObject;
  if (channel === 'group-robot') return String((xml.Markdown as XmlObject | undefined)?.Content ?? (xml.Text as XmlObject).Content);
  return String(xml.Content);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
