import { Router } from '@koa/router';
import Koa from 'koa';
import type { CampSummary, MeResponse } from '../../src/console/api-types.js';
import { iso } from './mock-clock.js';
import { MockCamp } from './mock-camp.js';
import { checkCsrf, readJson, Refusal, refuse, text, type MockServices } from './mock-http.js';
import { adminRoutes, describeChanges, parseOrRefuse } from './routes-admin.js';
import { insightRoutes } from './routes-insight.js';
import { learnerRoutes } from './routes-learner.js';
import { quizRoutes } from './routes-quizzes.js';
import { trainerRoutes } from './routes-trainer.js';
import { MOCK_USER, sampleCamps } from './sample-camps.js';

/**
 * The console's API for development and screenshots only (never part of the build): every route of
 * docs/console-api.md over in-memory sample camps, computed with the real scoring code. Always signed in as one user.
 */
export function createMockApi(): Koa {
  const camps = sampleCamps();
  const services: MockServices = { csrf: 'mock-csrf-token', userid: MOCK_USER.userid, campById: (id) => camps.find((c) => c.id === id) };
  const router = new Router({ prefix: '/api' });
  router.get('/me', (ctx) => {
    const me: MeResponse = { userid: MOCK_USER.userid, name: MOCK_USER.name, csrf: services.csrf, camps: mine(camps).map((c) => ({ id: c.id, name: c.config.name, roles: c.rolesOf(MOCK_USER.userid) })) };
    ctx.body = me;
  });
  router.get('/camps', (ctx) => {
    ctx.body = mine(camps).map((c): CampSummary => ({
      id: c.id, name: c.config.name, starts: c.config.starts, ends: c.config.ends, learners: c.learners().length,
      roles: c.rolesOf(MOCK_USER.userid), publishedAt: c.publication ? iso(c.publication.publishedAt) : null,
    }));
  });
  router.post('/camps', async (ctx) => {
    if (!camps.some((c) => c.rolesOf(MOCK_USER.userid).includes('admin'))) refuse(403, '只有管理员可以新建训练营');
    checkCsrf(ctx, services.csrf);
    const body = await readJson(ctx);
    const yaml = text(body, 'yaml', '营配置', 200_000);
    const config = parseOrRefuse(yaml);
    if (camps.some((c) => c.id === config.id)) refuse(409, `id: 营 ${config.id} 已存在，请在它的页面里修改`);
    if (![...config.trainers, ...config.admins.users].includes(MOCK_USER.userid)) refuse(400, 'admins: 请把自己写进 trainers 或 admins.users，否则建好后你进不去', { issues: [{ path: 'admins', message: '请把自己写进 trainers 或 admins.users' }] });
    if (body.dryRun !== true) camps.push(new MockCamp(yaml, [], () => Date.now()));
    ctx.status = body.dryRun === true ? 200 : 201;
    ctx.body = { id: config.id, created: true, applied: body.dryRun !== true, changes: describeChanges({}, config) };
  });
  learnerRoutes(router, services);
  trainerRoutes(router, services);
  adminRoutes(router, services);
  insightRoutes(router, services);
  quizRoutes(router, services);
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) refuse(404, '没有这个接口');
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      ctx.status = error.status;
      ctx.body = { error: error.message, ...error.extra };
    }
  });
  app.use(router.routes());
  return app;
}

function mine(camps: MockCamp[]): MockCamp[] {
  return camps.filter((c) => c.rolesOf(MOCK_USER.userid).length > 0);
}
