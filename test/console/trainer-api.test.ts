/** A trainer's console API: standings and the queue (contract), grading (contract), sessions, evidence, weights, awards. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCampStandings } from '../../src/db/camp-standings.js';
import { listOutbox } from '../../src/db/list-outbox.js';
import { previewAwards } from '../../src/db/preview-awards.js';
import { awardsJson } from '../../src/report/awards-json.js';
import { standingsJson } from '../../src/report/standings-json.js';
import { CAMP_ID, sampleCampYaml } from '../support/camp-fixture.js';
import { camp, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await startConsoleFixture();
});
afterEach(() => f.close());

const idOf = (reply: string | null): number => Number(/#(\d+)/.exec(reply ?? '')![1]);

describe('standings and awards preview (contract)', () => {
  it('answers the `standings --json` document as of the request', async () => {
    await f.app('zhang', '/lesson @小明 @小红 1');
    await f.app('zhang', '/score exam @小明 91.5');
    const answer = await f.as('wang').get(camp('/standings'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(standingsJson(await loadCampStandings(f.store, CAMP_ID, Date.parse(answer.body.asOf))));
    expect(answer.body.rows[0]).toMatchObject({ userid: 'ming', rank: 1, metrics: { exam: { raw: 91.5, normalized: 91.5 } } });
  });

  it('answers the `awards preview --json` document and sends nothing to anyone', async () => {
    await f.app('zhang', '/lesson @小明 1');
    await f.app('zhang', '/score exam @小明 91');
    const outbox = await listOutbox(f.store);
    const answer = await f.as('zhang').get(camp('/awards/preview'));
    expect(answer.body).toEqual(awardsJson(await previewAwards(f.store, CAMP_ID, Date.parse(answer.body.asOf))));
    expect(answer.body.winners).toContainEqual({ award: 'all-round', userid: 'ming', team: null, rank: 1, value: expect.any(Number) });
    expect(await listOutbox(f.store)).toEqual(outbox);
  });
});

describe('the grading queue and grades (contract)', () => {
  it('lists the latest submissions ungraded first, and grades one with the same effect as /grade', async () => {
    await f.app('zhang', '/assign a1');
    const ming = idOf(await f.app('ming', '/submit a1 first'));
    const hong = idOf(await f.app('hong', '/submit a1 hers'));
    const chat = await f.delta(() => f.app('zhang', `/grade #${hong} 75 不错`));
    const queue = await f.as('zhang').get(camp('/submissions'));
    expect(queue.body).toEqual([
      { id: ming, assignment: 'a1', userid: 'ming', submittedAt: expect.stringMatching(/Z$/), grade: null },
      { id: hong, assignment: 'a1', userid: 'hong', submittedAt: expect.stringMatching(/Z$/), grade: 75 },
    ]);
    const graded = await f.delta(() => f.as('zhang').post(camp('/grades'), { submission: ming, score: 88, comment: '结构清晰' }));
    expect(graded.result).toMatchObject({ status: 201, body: { event: graded.added[0]!.id } });
    const strip = ({ id: _id, happenedAt: _at, ...rest }: { id: number; happenedAt: number }) => rest;
    expect(strip(graded.added[0]!)).toEqual({ ...strip(chat.added[0]!), userid: 'ming', num: 88, text: '结构清晰' });
    expect((await f.as('zhang').get(camp('/submissions'))).body.map((s: { grade: number }) => s.grade)).toEqual([88, 75]);
    const standings = (await f.as('zhang').get(camp('/standings'))).body;
    expect(standings.rows.find((r: { userid: string }) => r.userid === 'ming').metrics.assignment.raw).toBe(88);
    const resubmitted = idOf(await f.app('ming', '/submit a1 second'));
    await f.app('zhang', `/undo #${hong} 交错了`);
    expect((await f.as('zhang').get(camp('/submissions'))).body).toEqual([
      { id: resubmitted, assignment: 'a1', userid: 'ming', submittedAt: expect.any(String), grade: 88 },
    ]);
  });

  it('refuses grading a revoked or unknown submission, recording nothing', async () => {
    await f.app('zhang', '/assign a1');
    const submission = idOf(await f.app('ming', '/submit a1 x'));
    await f.app('zhang', `/undo #${submission} 交错了`);
    for (const id of [submission, 99_999]) {
      const refused = await f.delta(() => f.as('zhang').post(camp('/grades'), { submission: id, score: 80 }));
      expect([refused.result.status, refused.added]).toEqual([400, []]);
    }
  });

  it('shows one submission with named reviewers to trainers, to its author without, and to nobody else', async () => {
    await f.app('zhang', '/assign a1');
    const submission = idOf(await f.app('ming', '/submit a1 https://doc.example'));
    await f.app('hong', `/review #${submission} 90`);
    await f.app('gang', `/review #${submission} 70`);
    await f.app('zhang', `/grade #${submission} 80`);
    const detail = (await f.as('zhang').get(camp(`/submissions/${submission}`))).body;
    expect(detail).toMatchObject({ id: submission, userid: 'ming', name: '小明', grade: { score: 80, by: '张老师' }, score: 0.7 * 80 + 0.3 * 80 });
    expect(detail.reviews.map((r: { reviewer: string }) => r.reviewer).sort()).toEqual(['小刚', '小红']);
    expect((await f.as('ming').get(camp(`/submissions/${submission}`))).body.reviews.map((r: { reviewer: null }) => r.reviewer)).toEqual([null, null]);
    expect((await f.as('hong').get(camp(`/submissions/${submission}`))).status).toBe(404);
  });
});

describe('sessions', () => {
  it('opens and closes like /session, 409 while one is open or none is, 400 for a name used before', async () => {
    const opened = await f.delta(() => f.as('zhang').post(camp('/sessions'), { name: '第1课' }));
    expect(opened.added).toMatchObject([{ type: 'session_open', ref: '第1课', actor: 'zhang', source: 'command' }]);
    expect((await f.as('zhang').post(camp('/sessions'), { name: '第2课' })).status).toBe(409);
    await f.group('ming', '/签到');
    const list = (await f.as('zhang').get(camp('/sessions'))).body;
    expect(list).toEqual({ learners: 5, sessions: [{ name: '第1课', openedAt: expect.any(String), closedAt: null, attended: 1 }] });
    const closed = await f.delta(() => f.as('zhang').post(camp('/sessions/close')));
    expect(closed.added).toMatchObject([{ type: 'session', ref: '第1课' }]);
    const again = await f.delta(() => f.as('zhang').post(camp('/sessions/close')));
    expect([again.result.status, again.added]).toEqual([409, []]);
    const reused = await f.delta(() => f.as('zhang').post(camp('/sessions'), { name: '第1课' }));
    expect([reused.result.status, reused.added]).toEqual([400, []]);
    const sheet = (await f.as('zhang').get(camp(`/sessions/${encodeURIComponent('第1课')}/attendance`))).body;
    expect(sheet.session.closedAt).not.toBeNull();
    expect(sheet.learners.filter((l: { checkedInAt: string | null }) => l.checkedInAt).map((l: { userid: string }) => l.userid)).toEqual(['ming']);
    expect((await f.as('zhang').get(camp('/sessions/nope/attendance'))).status).toBe(404);
  });
});

describe('the evidence log and undo', () => {
  it('pages newest first with filters, and undoes with a reason like /undo', async () => {
    const ids: number[] = [];
    for (const who of ['小明', '小红', '小刚']) ids.push(idOf(await f.app('zhang', `/score exam @${who} 70`)));
    const first = (await f.as('zhang').get(camp('/events?limit=2'))).body;
    expect(first.events.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextBefore).toBe(ids[1]);
    const second = (await f.as('zhang').get(camp(`/events?limit=2&before=${first.nextBefore}`))).body;
    expect([second.events.map((e: { id: number }) => e.id), second.nextBefore]).toEqual([[ids[0]], null]);
    expect((await f.as('zhang').get(camp('/events?type=exam&user=hong'))).body.events).toMatchObject([{ id: ids[1], userid: 'hong', value: 70 }]);
    expect((await f.as('zhang').get(camp('/events?limit=0'))).status).toBe(400);
    const undo = await f.delta(() => f.as('zhang').post(camp('/revocations'), { event: ids[0], reason: '录错了' }));
    expect(undo.added).toMatchObject([{ type: 'revoke', revokes: ids[0], text: '录错了', actor: 'zhang' }]);
    expect((await f.as('zhang').get(camp(`/events?limit=1&before=${ids[1]}`))).body.events[0]).toMatchObject({ id: ids[0], revoked: true });
    const twice = await f.delta(() => f.as('zhang').post(camp('/revocations'), { event: ids[0], reason: '再撤' }));
    expect([twice.result.status, twice.added]).toEqual([400, []]);
  });
});

describe('weights', () => {
  it('changes all seven like /weights, refuses a sum other than 100, and keeps the file’s weights apart', async () => {
    expect((await f.as('zhao').put(camp('/camp-file'), { yaml: sampleCampYaml() })).status).toBe(200);
    const before = (await f.as('zhang').get(camp('/weights'))).body;
    expect(before.weights).toEqual({ completion: 20, attendance: 0, exam: 30, assignment: 25, project: 15, practice: 10, participation: 0 });
    const wanted = { ...before.weights, exam: 35 };
    const refused = await f.delta(() => f.as('zhang').put(camp('/weights'), { weights: wanted }));
    expect([refused.result.status, refused.result.body.error, refused.added]).toEqual([400, '权重合计须为 100，现在是 105', []]);
    const changed = await f.delta(() => f.as('zhang').put(camp('/weights'), { weights: { ...wanted, project: 10 } }));
    expect(changed.added).toMatchObject([{ type: 'weights', actor: 'zhang', source: 'command' }]);
    const after = (await f.as('zhang').get(camp('/weights'))).body;
    expect([after.weights.exam, after.weights.project, after.fileWeights.exam]).toEqual([35, 10, 30]);
  });
});

describe('publishing', () => {
  it('publishes once (201), refuses a second time with 409 unless forced, which supersedes', async () => {
    await f.app('zhang', '/lesson @小明 1');
    await f.app('zhang', '/score exam @小明 90');
    const published = await f.as('zhang').post(camp('/awards/publish'));
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ publishedBy: '张老师', winners: expect.any(Number), supersedes: null });
    const again = await f.delta(() => f.as('zhang').post(camp('/awards/publish')));
    expect([again.result.status, again.added]).toEqual([409, []]);
    const forced = await f.as('zhang').post(camp('/awards/publish'), { force: true });
    expect(forced.body).toMatchObject({ id: published.body.id + 1, supersedes: published.body.id });
    expect((await f.as('ming').get(camp('/awards'))).body.published).toMatchObject({ id: forced.body.id });
  });

  it('answers the statistics document', async () => {
    await f.app('zhang', '/score exam @小明 90');
    const stats = (await f.as('zhang').get(camp('/stats'))).body;
    expect(Object.keys(stats).sort()).toEqual(['asOf', 'atRisk', 'categorySuggestions', 'projections', 'stats', 'winnersSource']);
    expect(stats.stats).toMatchObject({ campId: CAMP_ID, learners: 5, asOf: stats.asOf });
  });
});
