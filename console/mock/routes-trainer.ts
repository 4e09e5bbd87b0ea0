import type { Router } from '@koa/router';
import { METRIC_NAMES, weightsOf, type MetricName } from '../../src/camp/camp-config.js';
import type {
  AttendanceResponse, AwardsPreviewResponse, AwardsResponse, EventsPage, PublicationView, SessionsResponse, StandingsResponse,
  SubmissionQueueItem, WeightsResponse,
} from '../../src/console/api-types.js';
import { describeAwardRule } from '../../src/publication/describe-award-rule.js';
import { effectiveWeights } from '../../src/scoring/effective-weights.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import { campRoute, refuse, score, text, whole, type MockServices } from './mock-http.js';
import { previewOf, publish } from './mock-awards.js';
import { submissionsOf } from './mock-submissions.js';

const RUNNERS = ['trainer'] as const;

/** A trainer's routes: standings, the grading queue, sessions, the evidence log, weights and awards. */
export function trainerRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/standings', ['trainer', 'manager', 'admin'], ({ camp }): StandingsResponse => {
    const standings = camp.standings();
    return {
      asOf: iso(standings.asOf),
      assessed: standings.assessed,
      rows: standings.rows.map(({ userid, name, team, rank, composite, metrics }) => ({ userid, name, team, rank, composite, metrics })),
    };
  });

  campRoute(router, services, 'get', '/submissions', RUNNERS, ({ camp }): SubmissionQueueItem[] =>
    submissionsOf(camp, true)
      .map((s) => ({ id: s.id, assignment: s.assignment, userid: s.userid, submittedAt: s.submittedAt, grade: s.grade?.score ?? null }))
      .sort((a, b) => Number(a.grade !== null) - Number(b.grade !== null) || a.submittedAt.localeCompare(b.submittedAt)));

  campRoute(router, services, 'get', '/submissions/:sid', ['trainer', 'learner'], ({ ctx, camp, userid, roles }) => {
    const found = submissionsOf(camp, roles.includes('trainer')).find((s) => s.id === Number(ctx.params.sid));
    if (!found || (!roles.includes('trainer') && found.userid !== userid)) refuse(404, '没有这份作业');
    return found;
  });

  campRoute(router, services, 'post', '/grades', RUNNERS, ({ ctx, camp, userid, body }) => {
    const id = whole(body, 'submission', '作业编号');
    const value = score(body);
    const submission = submissionsOf(camp, true).find((s) => s.id === id) ?? refuse(400, `没有编号为 ${id} 的作业`);
    const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 500) : null;
    const event = camp.record({ type: 'grade', userid: submission.userid, ref: submission.assignment, num: value, text: comment, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  sessionRoutes(router, services);

  campRoute(router, services, 'get', '/events', RUNNERS, ({ ctx, camp }): EventsPage => {
    const { type, user, before } = ctx.query as Record<string, string | undefined>;
    const limit = Math.min(200, Math.max(1, Number(ctx.query.limit) || 50));
    const revoked = camp.revoked();
    const matching = camp.events
      .filter((e) => (!type || e.type === type) && (!user || e.userid === user) && (!before || e.id < Number(before)))
      .sort((a, b) => b.id - a.id);
    const page = matching.slice(0, limit);
    return { events: page.map((e) => camp.row(e, revoked)), nextBefore: matching.length > limit ? page.at(-1)!.id : null };
  });

  campRoute(router, services, 'post', '/revocations', RUNNERS, ({ ctx, camp, userid, body }) => {
    const id = whole(body, 'event', '事件编号');
    const reason = text(body, 'reason', '撤销原因', 200);
    const target = camp.events.find((e) => e.id === id) ?? refuse(400, `没有事件 #${id}`);
    if (target.type === 'revoke') refuse(400, '撤销记录本身不能再撤销');
    if (camp.revoked().has(id)) refuse(400, `事件 #${id} 已经撤销过了`);
    const event = camp.record({ type: 'revoke', text: reason, revokes: id, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  campRoute(router, services, 'get', '/weights', RUNNERS, ({ camp }): WeightsResponse => weightsView(camp));

  campRoute(router, services, 'put', '/weights', RUNNERS, ({ ctx, camp, userid, body }) => {
    const input = (body.weights ?? {}) as Record<string, unknown>;
    const weights = {} as Record<MetricName, number>;
    for (const metric of METRIC_NAMES) {
      const value = input[metric];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) refuse(400, `${metric} 的权重需是 0–100 的整数`);
      weights[metric] = value;
    }
    const sum = METRIC_NAMES.reduce((total, metric) => total + weights[metric], 0);
    if (sum !== 100) refuse(400, `权重合计须为 100，现在是 ${sum}`);
    const event = camp.record({ type: 'weights', text: JSON.stringify(weights), actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  campRoute(router, services, 'get', '/awards', ['learner', 'trainer', 'manager', 'admin'], ({ camp }): AwardsResponse => ({
    awards: camp.config.awards.map((a) => ({ id: a.id, name: a.name, rule: describeAwardRule(a), prize: camp.config.prizes[a.id] ?? null })),
    published: camp.publication && publicationView(camp),
  }));

  campRoute(router, services, 'get', '/awards/preview', RUNNERS, ({ camp }): AwardsPreviewResponse => {
    const { winners, warnings } = previewOf(camp);
    return { asOf: iso(mockNow()), winners: winners.map(({ award, userid, team, rank, value }) => ({ award, userid, team, rank, value })), warnings };
  });

  campRoute(router, services, 'post', '/awards/publish', RUNNERS, ({ ctx, camp, userid, body }): PublicationView => {
    if (camp.publication && body.force !== true) refuse(409, '本营已发布过奖项；确需重新发布请选择「强制重新发布」');
    publish(camp, userid, (camp.publication?.id ?? 0) + 1);
    ctx.status = 201;
    return publicationView(camp);
  });
}

function weightsView(camp: MockCamp): WeightsResponse {
  const latest = camp.events.filter((e) => e.type === 'weights' && !camp.revoked().has(e.id)).at(-1);
  return { weights: effectiveWeights(camp.config, latest?.text ?? null), fileWeights: weightsOf(camp.config.metrics), assessed: camp.standings().assessed };
}

function publicationView(camp: MockCamp): PublicationView {
  const p = camp.publication!;
  return { id: p.id, publishedAt: iso(p.publishedAt), publishedBy: camp.nameOf(p.publishedBy), winners: p.winners.length, supersedes: p.supersedes };
}

function sessionRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/sessions', RUNNERS, ({ camp }): SessionsResponse => ({
    learners: camp.learners().length,
    sessions: sessionsOf(camp).reverse(),
  }));

  campRoute(router, services, 'post', '/sessions', RUNNERS, ({ ctx, camp, userid, body }) => {
    const name = text(body, 'name', '课次名称', 40);
    if (sessionsOf(camp).some((s) => s.closedAt === null)) refuse(409, '已有进行中的课次，请先结束它');
    if (sessionsOf(camp).some((s) => s.name === name)) refuse(400, `课次「${name}」已经有过了，换个名字吧`);
    const event = camp.record({ type: 'session_open', ref: name, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  campRoute(router, services, 'post', '/sessions/close', RUNNERS, ({ ctx, camp, userid }) => {
    const open = sessionsOf(camp).find((s) => s.closedAt === null) ?? refuse(409, '现在没有进行中的课次');
    const event = camp.record({ type: 'session', ref: open.name, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  campRoute(router, services, 'get', '/sessions/:name/attendance', RUNNERS, ({ ctx, camp }): AttendanceResponse => {
    const session = sessionsOf(camp).find((s) => s.name === ctx.params.name) ?? refuse(404, '没有这个课次');
    const checkins = new Map(camp.events.filter((e) => e.type === 'checkin' && e.ref === session.name).map((e) => [e.userid, e.at]));
    return {
      session,
      learners: camp.learners().map((l) => ({ userid: l.userid, name: l.name, team: l.team, checkedInAt: checkins.has(l.userid) ? iso(checkins.get(l.userid)!) : null })),
    };
  });
}

function sessionsOf(camp: MockCamp): SessionsResponse['sessions'] {
  const revoked = camp.revoked();
  const live = camp.events.filter((e) => !revoked.has(e.id));
  return live.filter((e) => e.type === 'session_open').map((open) => {
    const close = live.find((e) => e.type === 'session' && e.ref === open.ref);
    const attended = new Set(live.filter((e) => e.type === 'checkin' && e.ref === open.ref).map((e) => e.userid)).size;
    return { name: open.ref ?? '', openedAt: iso(open.at), closedAt: close ? iso(close.at) : null, attended };
  });
}
