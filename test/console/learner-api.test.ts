/** A learner's console API: their row and evidence (contract), insight, history, certificates, submissions, reviews. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEER } from '../../src/console/learner-routes.js';
import { appendEvent } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { loadRevoked } from '../../src/db/load-facts.js';
import { eventJson } from '../../src/report/event-json.js';
import { CAMP_ID } from '../support/camp-fixture.js';
import { camp, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await startConsoleFixture();
});
afterEach(() => f.close());

const idOf = (reply: string | null): number => Number(/#(\d+)/.exec(reply ?? '')![1]);

describe('GET /api/camps/:id/me (contract)', () => {
  it('is the learner’s standings row plus their events in the `events list --json` shape, revoked ones flagged', async () => {
    await f.app('zhang', '/lesson @小明 1');
    const exam = idOf(await f.app('zhang', '/score exam @小明 88'));
    await f.app('zhang', '/score exam:mid @小明 60');
    await f.app('zhang', `/undo #${exam} 录错了`);
    await f.app('zhang', '/assign a1');
    const submission = idOf(await f.app('ming', '/submit a1 https://doc.example/ming'));
    await f.app('hong', `/review #${submission} 4星`);
    const me = await f.as('ming').get(camp('/me'));
    const standings = await f.as('zhang').get(camp('/standings'));
    expect(me.status).toBe(200);
    const { events, ...row } = me.body;
    expect(row).toEqual(standings.body.rows.find((r: { userid: string }) => r.userid === 'ming'));
    const revoked = await loadRevoked(f.store, CAMP_ID, Date.now());
    const expected = (await listEvents(f.store, { campId: CAMP_ID, userid: 'ming' })).map((e) => eventJson(e, revoked));
    expect(events).toEqual(expected.map((e) => (e.type === 'review' ? { ...e, actor: PEER } : e)));
    expect(events.map((e: { type: string; revoked: boolean }) => [e.type, e.revoked])).toEqual([
      ['lesson', false], ['exam', true], ['exam', false], ['submission', false], ['review', false],
    ]);
    expect(events[1]).toMatchObject({ id: exam, userid: 'ming', value: 88, ref: 'final', actor: 'zhang', source: 'command' });
    expect(Date.parse(events[1].happenedAt)).toBeGreaterThan(0);
    expect(JSON.stringify(me.body)).not.toContain('"hong"');
  });
});

describe('insight and history', () => {
  it('explains each metric with the ids of /me’s events, the gaps to the rank awards and the eligibility', async () => {
    await f.app('zhang', '/lesson @小明 1');
    await f.app('zhang', '/score exam @小明 90');
    await f.app('zhang', '/score exam @小红 70');
    const insight = (await f.as('hong').get(camp('/me/insight'))).body;
    const me = (await f.as('hong').get(camp('/me'))).body;
    expect(insight).toMatchObject({ learners: 5, eligible: true, eligibilityMissing: [] });
    const exam = insight.metrics.find((m: { metric: string }) => m.metric === 'exam');
    expect(exam).toMatchObject({ label: '考试', raw: 70, normalized: 70, assessed: true });
    expect(exam.events.map((e: { event: number }) => e.event)).toEqual(me.events.filter((e: { type: string }) => e.type === 'exam').map((e: { id: number }) => e.id));
    expect(insight.gaps.map((g: { award: string; winning: boolean }) => [g.award, g.winning])).toContainEqual(['all-round', false]);
    const outsider = (await f.as('li').get(camp('/me/insight'))).body;
    expect(outsider).toMatchObject({ eligible: false, eligibilityMissing: ['综合分需大于 0'] });
  });

  it('draws the composite at the end of each camp day, and redraws past days after a backdated event', async () => {
    const first = (await f.as('ming').get(camp('/me/history'))).body.days;
    expect(first).toHaveLength(8);
    expect(first.every((d: { composite: number }) => d.composite === 0)).toBe(true);
    await f.app('zhang', '/score exam @小明 80');
    const today = (await f.as('ming').get(camp('/me/history'))).body.days;
    expect(today.at(-1)).toMatchObject({ composite: (await f.as('ming').get(camp('/me'))).body.composite, rank: 1 });
    expect(today.slice(0, -1).every((d: { composite: number }) => d.composite === 0)).toBe(true);
    const threeDaysAgo = Date.now() - 3 * 86_400_000;
    await appendEvent(f.store, { campId: CAMP_ID, type: 'exam', userid: 'ming', num: 40, ref: 'quiz0', actor: 'import', source: 'import', happenedAt: threeDaysAgo }, Date.now());
    const redrawn = (await f.as('ming').get(camp('/me/history'))).body.days;
    expect(redrawn.slice(-4, -1).every((d: { composite: number }) => d.composite > 0)).toBe(true);
    expect(redrawn[0].composite).toBe(0);
  });
});

describe('certificates', () => {
  it('lists none before publishing, then each of the learner’s certificates with its PNG and verification link', async () => {
    expect((await f.as('ming').get(camp('/me/certificates'))).body).toEqual([]);
    await f.app('zhang', '/lesson @小明 1');
    await f.app('zhang', '/score exam @小明 95');
    await f.app('zhang', '/score exam @小红 60');
    expect((await f.as('zhang').post(camp('/awards/publish'))).status).toBe(201);
    const [certificate] = (await f.as('ming').get(camp('/me/certificates'))).body;
    expect(certificate).toMatchObject({ award: 'all-round', awardName: '全能优秀学员奖', verifyUrl: `http://localhost:3000/verify/${certificate.code}` });
    const png = await fetch(f.baseUrl + certificate.imageUrl, { headers: { cookie: f.as('ming').cookie } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await f.as('hong').get(certificate.imageUrl)).status).toBe(404);
    expect((await f.as('zhang').get(certificate.imageUrl)).status).toBe(200);
  });
});

describe('submissions and peer reviews', () => {
  beforeEach(async () => {
    await f.app('zhang', '/assign a1 research 访谈纪要');
  });

  it('submits like /submit (201 with the submission id), lists it, and refuses an unknown assignment', async () => {
    const chat = await f.delta(() => f.app('hong', '/submit a1 聊天里交的'));
    const answer = await f.delta(() => f.as('ming').post(camp('/submissions'), { assignment: 'a1', content: 'https://doc.example/ming 第一版' }));
    expect(answer.result.status).toBe(201);
    const [event] = answer.added;
    expect(answer.result.body).toEqual({ submission: event!.id, event: event!.id });
    const { id: _id, happenedAt: _at, ...fields } = event!;
    const { id: _chatId, happenedAt: _chatAt, ...chatFields } = chat.added[0]!;
    expect(fields).toEqual({ ...chatFields, userid: 'ming', text: 'https://doc.example/ming 第一版', actor: 'ming' });
    expect((await f.as('ming').get(camp('/assignments'))).body).toEqual([
      { id: 'a1', tag: 'research', title: '访谈纪要', createdAt: expect.any(String), submitted: event!.id },
    ]);
    const unknown = await f.delta(() => f.as('ming').post(camp('/submissions'), { assignment: 'a9', content: 'x' }));
    expect(unknown.result.status).toBe(400);
    expect(unknown.result.body.error).toMatch(/^没有作业「a9」/);
    expect(unknown.added).toEqual([]);
  });

  it('reviews a classmate like /review, keeps reviewers anonymous to the learner, and refuses reviewing oneself', async () => {
    const mine = (await f.as('ming').post(camp('/submissions'), { assignment: 'a1', content: '我的作业' })).body.submission;
    const hers = (await f.as('hong').post(camp('/submissions'), { assignment: 'a1', content: '她的作业' })).body.submission;
    const todo = (await f.as('ming').get(camp('/reviews/todo'))).body;
    expect(todo).toEqual([{ submission: hers, assignment: 'a1', assignmentTitle: '访谈纪要', userid: 'hong', name: '小红', content: '她的作业', submittedAt: expect.any(String), mine: null }]);
    const review = await f.delta(() => f.as('ming').post(camp('/reviews'), { submission: hers, score: 80, comment: '思路清楚' }));
    expect(review.result).toMatchObject({ status: 201, body: { event: review.added[0]!.id } });
    expect(review.added).toMatchObject([{ type: 'review', userid: 'hong', num: 80, ref: 'a1', text: '思路清楚', actor: 'ming', source: 'command' }]);
    await f.as('ming').post(camp('/reviews'), { submission: hers, score: 100 });
    expect((await f.as('ming').get(camp('/reviews/todo'))).body[0].mine).toEqual({ score: 100, comment: null });
    const own = await f.delta(() => f.as('ming').post(camp('/reviews'), { submission: mine, score: 100 }));
    expect([own.result.status, own.result.body.error, own.added]).toEqual([400, '不能互评自己的作业', []]);
    const [detail] = (await f.as('hong').get(camp('/me/submissions'))).body;
    expect(detail).toMatchObject({ id: hers, content: '她的作业', grade: null, score: null });
    expect(detail.reviews).toEqual([{ score: 100, comment: null, at: expect.any(String), reviewer: null }]);
  });
});
