/**
 * Every console API route refuses, and changes nothing, when the caller is not signed in (401, also on changes), is
 * not in the camp or lacks an allowed role (403), sends no or a wrong CSRF token on a change (403), or sends bad
 * input (400 with one line). Runs on the test engine (`TEST_ENGINE=postgres` for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/console/api-types.js';
import { camp, startConsoleFixture, type ApiClient, type ConsoleFixture } from '../support/console-fixture.js';
import { quizYaml, upload } from '../support/console-files.js';

interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  roles: Role[];
  /** A body the route refuses with 400 (routes that take one). */
  bad?: unknown;
}

const L = 'learner';
const T = 'trainer';
const M = 'manager';
const A = 'admin';

const CAMP_ROUTES: Route[] = [
  { method: 'get', path: '/me', roles: [L] },
  { method: 'get', path: '/me/insight', roles: [L] },
  { method: 'get', path: '/me/history', roles: [L] },
  { method: 'get', path: '/me/certificates', roles: [L] },
  { method: 'get', path: '/certificates/CODE.png', roles: [L, T, A] },
  { method: 'get', path: '/me/submissions', roles: [L] },
  { method: 'get', path: '/assignments', roles: [L, T, M, A] },
  { method: 'post', path: '/submissions', roles: [L], bad: { assignment: 'a1', content: '  ' } },
  { method: 'get', path: '/reviews/todo', roles: [L] },
  { method: 'post', path: '/reviews', roles: [L], bad: { submission: '#1', score: 80 } },
  { method: 'get', path: '/standings', roles: [T, M, A] },
  { method: 'get', path: '/roster', roles: [T, M, A] },
  { method: 'get', path: '/submissions', roles: [T] },
  { method: 'get', path: '/submissions/1', roles: [T, L] },
  { method: 'post', path: '/grades', roles: [T], bad: { submission: 1, score: 101 } },
  { method: 'get', path: '/sessions', roles: [T] },
  { method: 'post', path: '/sessions', roles: [T], bad: { name: 'x'.repeat(41) } },
  { method: 'post', path: '/sessions/close', roles: [T] },
  { method: 'get', path: '/sessions/第1课/attendance', roles: [T] },
  { method: 'get', path: '/events', roles: [T] },
  { method: 'post', path: '/revocations', roles: [T], bad: { event: 1, reason: '' } },
  { method: 'get', path: '/weights', roles: [T] },
  { method: 'put', path: '/weights', roles: [T], bad: { weights: { completion: 50, exam: 50 } } },
  { method: 'get', path: '/awards', roles: [L, T, M, A] },
  { method: 'get', path: '/awards/preview', roles: [T] },
  { method: 'post', path: '/awards/publish', roles: [T], bad: { force: 'yes' } },
  { method: 'get', path: '/stats', roles: [T] },
  { method: 'get', path: '/camp-file', roles: [A, T] },
  { method: 'put', path: '/camp-file', roles: [A], bad: { yaml: 'id: ai-test\nname: [' } },
  { method: 'post', path: '/roster/preview', roles: [A], bad: { file: upload('roster.csv', 'userid,name,role\nu1,,learner\n') } },
  { method: 'put', path: '/roster', roles: [A], bad: { file: upload('roster.txt', 'userid,name\n') } },
  { method: 'post', path: '/imports', roles: [A, T], bad: { file: upload('events.csv', 'kind,who\nexam,ming\n') } },
  { method: 'get', path: '/imports/imp-none', roles: [A, T] },
  { method: 'get', path: '/export?format=csv', roles: [A, T] },
  { method: 'get', path: '/prizes', roles: [A, T] },
  { method: 'post', path: '/prizes/claims', roles: [A, T], bad: { userid: 'ming' } },
  { method: 'get', path: '/cases', roles: [M, T] },
  { method: 'post', path: '/cases', roles: [M, T], bad: { userid: 'ming', description: '' } },
  { method: 'get', path: '/quizzes', roles: [L, T] },
  { method: 'post', path: '/quizzes', roles: [T], bad: { file: upload('quiz.yaml', 'id: Q1\ntitle: x\n') } },
  { method: 'get', path: '/quizzes/week1/stats', roles: [T] },
  { method: 'post', path: '/quizzes/week1/attempt', roles: [L] },
  { method: 'get', path: '/quizzes/week1/attempt', roles: [L] },
  { method: 'put', path: '/quizzes/week1/attempt/answers/q1', roles: [L], bad: { choices: 'A' } },
  { method: 'post', path: '/quizzes/week1/attempt/submit', roles: [L] },
];

/** One roster member per role, and someone in no role of the camp. */
const MEMBERS: Record<Role, string> = { learner: 'ming', trainer: 'zhang', manager: 'wang', admin: 'zhao' };
const OUTSIDER = 'nobody';

let f: ConsoleFixture;
let before: unknown;

beforeAll(async () => {
  f = await startConsoleFixture();
  await f.app('zhang', '/assign a1 research 访谈纪要');
  await f.app('ming', '/submit a1 https://doc.example/1');
  expect((await f.as('zhang').post(camp('/quizzes'), { file: upload('week1.yaml', quizYaml('week1')) })).status).toBe(201);
  before = await f.state();
});
afterAll(() => f.close());

const call = (client: ApiClient, route: Route, body: unknown = {}, csrf?: string | null) =>
  route.method === 'get' ? client.get(camp(route.path)) : client[route.method](camp(route.path), body, { csrf });

describe.each(CAMP_ROUTES)('$method /api/camps/:id$path', (route) => {
  it('refuses without a session, outside the camp and for other roles, and changes nothing', async () => {
    const anonymous = await call(f.anonymous, route);
    expect([anonymous.status, typeof anonymous.body.error]).toEqual([401, 'string']);
    expect((await call(f.as(OUTSIDER), route)).status).toBe(403);
    for (const role of (Object.keys(MEMBERS) as Role[]).filter((r) => !route.roles.includes(r))) {
      const refused = await call(f.as(MEMBERS[role]), route);
      expect([role, refused.status]).toEqual([role, 403]);
    }
    expect(await f.state()).toEqual(before);
  });

  it.runIf(route.method !== 'get')('needs the CSRF token of the session on a change', async () => {
    const allowed = f.as(MEMBERS[route.roles[0]!]);
    const missing = await call(allowed, route, route.bad ?? {}, null);
    expect([missing.status, missing.body.error]).toEqual([403, '页面已过期，请刷新后再试']);
    expect((await call(allowed, route, route.bad ?? {}, f.as(MEMBERS[route.roles[0]!]).csrf)).status).toBe(403);
    expect(await f.state()).toEqual(before);
  });

  it.runIf(route.bad !== undefined)('answers bad input with 400 and one line', async () => {
    const refused = await call(f.as(MEMBERS[route.roles[0]!]), route, route.bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^\S.*$/);
    expect(await f.state()).toEqual(before);
  });
});

describe('routes outside a camp', () => {
  it('GET /api/me and /api/camps need a session; POST /api/camps an admin somewhere, CSRF and a valid file', async () => {
    for (const path of ['/api/me', '/api/camps']) expect((await f.anonymous.get(path)).status).toBe(401);
    expect((await f.anonymous.post('/api/camps', { yaml: 'id: x' })).status).toBe(401);
    expect((await f.as('zhang').post('/api/camps', { yaml: 'id: x' })).status).toBe(403);
    expect((await f.as('zhao').post('/api/camps', { yaml: 'id: x' }, { csrf: null })).status).toBe(403);
    const bad = await f.as('zhao').post('/api/camps', { yaml: 'id: new-camp\nname: 新营\nstarts: 2026-13-01\nends: 2026-12-01\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toContainEqual(expect.objectContaining({ path: 'starts' }));
    expect(await f.state()).toEqual(before);
  });

  it('answers unknown API paths 404 when signed in and 401 when not, as JSON', async () => {
    expect((await f.as('ming').get('/api/nothing')).body).toEqual({ error: '没有这个接口' });
    expect((await f.anonymous.post('/api/nothing')).status).toBe(401);
  });
});
