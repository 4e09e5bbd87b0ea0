import type { Router } from '@koa/router';
import type {
  AssignmentView, CertificateView, LearnerHistory, LearnerInsight, LearnerMeResponse, ReviewTodo, SubmitResponse,
} from '../../src/console/api-types.js';
import { endOfLocalDayMs, localDateOf } from '../../src/camp/time-zone.js';
import { learnerInsight } from '../../src/console/learner-insight.js';
import { explainLearner } from '../../src/scoring/explain-learner.js';
import { round2 } from '../../src/scoring/round.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import { campRoute, refuse, score, text, whole, type MockServices } from './mock-http.js';
import { submissionsOf } from './mock-submissions.js';

function ownRow(camp: MockCamp, userid: string) {
  const standings = camp.standings();
  const row = standings.rows.find((r) => r.userid === userid) ?? refuse(403, '你不是这个营的学员');
  return { standings, row };
}

/** The learner's routes: their scores, evidence, history, certificates, submissions and peer reviews. */
export function learnerRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/me', ['learner'], ({ camp, userid }): LearnerMeResponse => {
    const { row } = ownRow(camp, userid);
    const revoked = camp.revoked();
    const events = camp.events.filter((e) => e.userid === userid).map((e) => camp.row(e, revoked));
    return { userid: row.userid, name: row.name, team: row.team, rank: row.rank, composite: row.composite, metrics: row.metrics, events };
  });

  campRoute(router, services, 'get', '/me/insight', ['learner'], ({ camp, userid }): LearnerInsight => {
    const { standings, row } = ownRow(camp, userid);
    const learner = camp.learners().find((l) => l.userid === userid)!;
    const explanation = explainLearner({ config: camp.config, learner, learners: camp.learners(), facts: camp.events, asOf: standings.asOf });
    return learnerInsight(camp.config, standings, row, explanation);
  });

  campRoute(router, services, 'get', '/me/history', ['learner'], ({ camp, userid }): LearnerHistory => {
    const { timezone, starts } = camp.config;
    const today = localDateOf(mockNow(), timezone);
    const days: LearnerHistory['days'] = [];
    for (let date = starts; date <= today; date = nextDate(date)) {
      const standings = camp.standings(Math.min(endOfLocalDayMs(date, timezone), mockNow()));
      const row = standings.rows.find((r) => r.userid === userid);
      const mean = standings.rows.reduce((sum, r) => sum + r.composite, 0) / Math.max(1, standings.rows.length);
      if (row) days.push({ date, composite: row.composite, rank: row.rank, meanComposite: round2(mean) });
    }
    return { days };
  });

  campRoute(router, services, 'get', '/me/certificates', ['learner'], ({ camp, userid }): CertificateView[] => {
    const publication = camp.publication;
    if (!publication) return [];
    return publication.winners.filter((w) => w.userid === userid).map((w) => {
      const award = camp.config.awards.find((a) => a.id === w.award)!;
      return {
        award: w.award, awardName: award.name, code: w.code, issuedAt: iso(publication.publishedAt), prize: camp.config.prizes[w.award] ?? null,
        imageUrl: `/api/camps/${camp.id}/certificates/${w.code}.png`, verifyUrl: `http://localhost:3000/verify/${w.code}`,
      };
    });
  });

  campRoute(router, services, 'get', '/me/submissions', ['learner'], ({ camp, userid }) =>
    submissionsOf(camp, false).filter((s) => s.userid === userid).reverse());

  campRoute(router, services, 'get', '/assignments', ['learner', 'trainer', 'manager', 'admin'], ({ camp, userid }): AssignmentView[] => {
    const mine = submissionsOf(camp, false).filter((s) => s.userid === userid);
    return camp.events.filter((e) => e.type === 'assignment').map((e) => ({
      id: e.ref ?? '', tag: e.text, title: e.note, createdAt: iso(e.at), submitted: mine.find((s) => s.assignment === e.ref)?.id ?? null,
    }));
  });

  campRoute(router, services, 'post', '/submissions', ['learner'], ({ ctx, camp, userid, body }): SubmitResponse => {
    const assignment = text(body, 'assignment', '作业');
    const content = text(body, 'content', '作业内容（链接或文字）');
    if (!camp.events.some((e) => e.type === 'assignment' && e.ref === assignment)) refuse(400, `没有作业「${assignment}」`);
    const event = camp.record({ type: 'submission', userid, ref: assignment, text: content, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { submission: event.id, event: event.id };
  });

  campRoute(router, services, 'get', '/reviews/todo', ['learner'], ({ camp, userid }): ReviewTodo[] => {
    const revoked = camp.revoked();
    const myReviews = camp.events.filter((e) => e.type === 'review' && e.actor === userid && !revoked.has(e.id));
    return submissionsOf(camp, false).filter((s) => s.userid !== userid).reverse().slice(0, 30).map((s) => {
      const mine = myReviews.filter((r) => r.ref === s.assignment && r.userid === s.userid).at(-1);
      return {
        submission: s.id, assignment: s.assignment, assignmentTitle: s.assignmentTitle, userid: s.userid, name: s.name,
        content: s.content, submittedAt: s.submittedAt, mine: mine ? { score: mine.num ?? 0, comment: mine.text } : null,
      };
    });
  });

  campRoute(router, services, 'post', '/reviews', ['learner'], ({ ctx, camp, userid, body }) => {
    const id = whole(body, 'submission', '作业编号');
    const value = score(body);
    const submission = submissionsOf(camp, false).find((s) => s.id === id) ?? refuse(400, `没有编号为 ${id} 的作业`);
    if (submission.userid === userid) refuse(400, '不能给自己的作业互评');
    const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 500) : null;
    const event = camp.record({ type: 'review', userid: submission.userid, ref: submission.assignment, num: value, text: comment, actor: userid, at: mockNow(), source: 'command' });
    ctx.status = 201;
    return { event: event.id };
  });
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
