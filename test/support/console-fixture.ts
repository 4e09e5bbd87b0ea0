/**
 * A running camp with the console mounted: the camp fixture (sample camp, roster, the real callback server and
 * message pipeline on the run's engine) plus `installConsole` on the same server, and API clients signed in as any
 * roster member (a session cookie signed the way the sign-in signs it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandingsCache } from '../../src/app/standings-cache.js';
import type { ConsoleDeps } from '../../src/console/console-deps.js';
import { installConsole } from '../../src/console/install-console.js';
import { csrfTokenOf, newSession, signSession } from '../../src/console/session-cookie.js';
import { loadCampFile } from '../../src/db/camp-files.js';
import { loadCamp } from '../../src/db/camp-store.js';
import { listEvents } from '../../src/db/list-events.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { currentPublication } from '../../src/db/publication-store.js';
import { answersOfQuiz } from '../../src/db/quiz-answers.js';
import { attemptsOfQuiz } from '../../src/db/quiz-attempts.js';
import { listQuizzes } from '../../src/db/quiz-store.js';
import { rosterOf } from '../../src/db/roster-store.js';
import { CAMP_ID, CORP_ID, startCampFixture, type CampFixture, type FixtureOptions } from './camp-fixture.js';

export const SESSION_SECRET = 'console-fixture-session-secret';
export const CERT_SECRET = 'fixture-cert-secret';
export const APP_HTML = '<!doctype html><title>训练营控制台</title><div id="app"></div>';

export interface ApiAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface ApiClient {
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body?: unknown, options?: { csrf?: string | null }): Promise<ApiAnswer>;
  put(path: string, body?: unknown, options?: { csrf?: string | null }): Promise<ApiAnswer>;
  /** The session's CSRF token. */
  csrf: string;
  cookie: string;
}

export interface ConsoleFixture extends CampFixture {
  deps: ConsoleDeps;
  /** A client signed in as `userid` (any userid: membership is the camp's business). */
  as(userid: string): ApiClient;
  /** A client with no session. */
  anonymous: ApiClient;
  /** Moves the console's clock (quiz deadlines) by `ms`. */
  advance(ms: number): void;
  /** Everything a refused request must leave as it was. */
  state(): Promise<unknown>;
}

/** `/api/camps/<the fixture's camp><path>` */
export const camp = (path = ''): string => `/api/camps/${CAMP_ID}${path}`;

export async function startConsoleFixture(options: FixtureOptions & { sessionSecret?: string | null } = {}): Promise<ConsoleFixture> {
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), APP_HTML);
  let offset = 0;
  const deps: ConsoleDeps = {
    store: null as never,
    settings: {
      sessionSecret: options.sessionSecret === undefined ? SESSION_SECRET : options.sessionSecret,
      certSecret: CERT_SECRET, corpId: CORP_ID, agentId: '1000002', oauthBase: 'https://open.weixin.qq.com',
      qrLoginBase: 'https://login.work.weixin.qq.com', publicBaseUrl: 'http://localhost:3000', distDir: dist, defaultTimezone: 'Asia/Shanghai',
    },
    standings: (db, campId, now) => cache.get(db, campId, now),
    userIdByCode: async () => null,
    now: () => Date.now() + offset,
    log: () => undefined,
  };
  const cache = createStandingsCache();
  const fixture = await startCampFixture({
    settings: { certSecret: CERT_SECRET, publicBaseUrl: 'http://localhost:3000' },
    ...options,
    extendRouter: (router, store) => {
      Object.assign(deps, { store });
      installConsole(router, deps);
    },
  });
  const client = (cookie: string, csrf: string): ApiClient => {
    const send = async (method: string, path: string, body: unknown, token: string | null | undefined): Promise<ApiAnswer> => {
      const headers: Record<string, string> = { cookie, accept: 'application/json' };
      if (token !== null) headers['x-csrf-token'] = token ?? csrf;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(fixture.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch { /* not JSON: kept as text */ }
      return { status: response.status, body: parsed, text, headers: response.headers };
    };
    return {
      csrf, cookie,
      get: (path) => send('GET', path, undefined, null),
      post: (path, body = {}, opts = {}) => send('POST', path, body, opts.csrf),
      put: (path, body = {}, opts = {}) => send('PUT', path, body, opts.csrf),
    };
  };
  const store = fixture.store;
  return {
    ...fixture,
    deps,
    as(userid) {
      const session = newSession(userid, Date.now());
      const secret = deps.settings.sessionSecret ?? SESSION_SECRET;
      return client(`campbot_session=${signSession(secret, session)}`, csrfTokenOf(secret, session));
    },
    anonymous: client('', ''),
    advance(ms) {
      offset += ms;
    },
    async state() {
      const quizzes = await listQuizzes(store, CAMP_ID);
      const attempts = [];
      for (const quiz of quizzes) attempts.push(await attemptsOfQuiz(store, CAMP_ID, quiz.id), [...(await answersOfQuiz(store, CAMP_ID, quiz.id))]);
      return {
        events: await listEvents(store), roster: await rosterOf(store, CAMP_ID), camp: await loadCamp(store, CAMP_ID),
        file: await loadCampFile(store, CAMP_ID), quizzes, attempts, publication: await currentPublication(store, CAMP_ID),
        outbox: await listOutbox(store),
      };
    },
    async close() {
      await fixture.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
