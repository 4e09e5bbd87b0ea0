/** Quizzes in the console: upload, a learner's one timed attempt (clock and key on the server), the exam event, stats. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gradeOverdueAttempts } from '../../src/console/quiz-timer.js';
import { loadAttempt } from '../../src/db/quiz-attempts.js';
import { CAMP_ID } from '../support/camp-fixture.js';
import { quizYaml, upload } from '../support/console-files.js';
import { camp, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await startConsoleFixture();
  expect((await f.as('zhang').post(camp('/quizzes'), { file: upload('week1.yaml', quizYaml('week1')) })).status).toBe(201);
});
afterEach(() => f.close());

const quiz = (path = ''): string => camp(`/quizzes/week1${path}`);

describe('uploading', () => {
  it('checks a dry run without saving it, reports problems by key path, and reads XLSX', async () => {
    const dry = await f.as('zhang').post(camp('/quizzes'), { file: upload('q2.yml', quizYaml('week2')), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ id: 'week2', questions: 2, points: 50, timeLimitMinutes: 15, state: 'open', attempt: null, attempts: 0 });
    expect((await f.as('zhang').get(camp('/quizzes'))).body.map((q: { id: string }) => q.id)).toEqual(['week1']);
    const bad = await f.as('zhang').post(camp('/quizzes'), { file: upload('q.yaml', quizYaml('week2').replace('answer: B', 'answer: D')) });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'questions[0].answer', message: 'D is not an option (A–C)' }]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('测验');
    sheet.addRow(['id', 'title', 'timeLimit', 'opens', 'closes', 'question', 'kind', 'points', 'A', 'B', 'C', 'answer']);
    sheet.addRow(['sheet-quiz', '表格测验', 10, '2026-11-01T09:00', '2027-01-01T09:00', '一加一？', '单选', 10, '1', '2', '3', 'B']);
    const xlsx = await f.as('zhang').post(camp('/quizzes'), { file: upload('q.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())) });
    expect([xlsx.status, xlsx.body.id, xlsx.body.points]).toEqual([201, 'sheet-quiz', 10]);
  });
});

describe('taking a quiz', () => {
  it('starts once, hides the key until submitting, saves answers, grades into an exam event named after the quiz', async () => {
    const started = await f.as('ming').post(quiz('/attempt'));
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'in_progress', answers: {}, quiz: { id: 'week1', points: 50, timeLimitMinutes: 15 } });
    expect(Date.parse(started.body.deadline) - Date.parse(started.body.startedAt)).toBe(15 * 60_000);
    expect(started.text).not.toMatch(/"answer"|"correct"/);
    expect((await f.as('ming').post(quiz('/attempt'))).status).toBe(200);
    expect((await f.as('ming').put(quiz('/attempt/answers/q1'), { choices: ['B'] })).status).toBe(200);
    expect((await f.as('ming').put(quiz('/attempt/answers/q2'), { choices: ['A'] })).status).toBe(200);
    expect((await f.as('ming').put(quiz('/attempt/answers/q1'), { choices: ['A', 'B'] })).status).toBe(400);
    expect((await f.as('ming').put(quiz('/attempt/answers/q9'), { choices: [] })).status).toBe(400);
    const resumed = (await f.as('ming').get(quiz('/attempt'))).body;
    expect(resumed.answers).toEqual({ q1: ['B'], q2: ['A'] });
    expect(JSON.stringify(resumed)).not.toMatch(/"answer"|"correct"/);
    const submitted = await f.delta(() => f.as('ming').post(quiz('/attempt/submit')));
    expect(submitted.result.body).toMatchObject({ state: 'submitted', reason: 'submitted', earned: 20, score: 40, event: submitted.added[0]!.id });
    expect(submitted.result.body.questions[1]).toMatchObject({ chosen: ['A'], correct: ['A', 'C'], earned: 0 });
    expect(submitted.added).toMatchObject([{ type: 'exam', userid: 'ming', num: 40, ref: 'week1', actor: 'ming', source: 'command', note: '第一周小测' }]);
    expect((await f.as('ming').get(camp('/me'))).body.metrics.exam).toEqual({ raw: 40, normalized: 40 });
    const again = await f.delta(() => f.as('ming').post(quiz('/attempt/submit')));
    expect([again.result.body.event, again.added]).toEqual([submitted.result.body.event, []]);
    expect((await f.as('ming').post(quiz('/attempt'))).status).toBe(409);
    expect((await f.as('ming').put(quiz('/attempt/answers/q1'), { choices: ['A'] })).status).toBe(409);
    expect((await f.as('zhang').post(camp('/quizzes'), { file: upload('week1.yaml', quizYaml('week1')) })).status).toBe(409);
  });

  it('grades at the deadline by the server’s clock, whether the learner reads it back or never returns', async () => {
    await f.as('ming').post(quiz('/attempt'));
    await f.as('ming').put(quiz('/attempt/answers/q2'), { choices: ['C', 'A'] });
    await f.as('hong').post(quiz('/attempt'));
    f.advance(15 * 60_000);
    expect((await f.as('ming').put(quiz('/attempt/answers/q1'), { choices: ['B'] })).status).toBe(409);
    const result = (await f.as('ming').get(quiz('/attempt'))).body;
    expect(result).toMatchObject({ state: 'submitted', reason: 'timeout', score: 60 });
    const exam = (await f.events()).find((e) => e.type === 'exam' && e.userid === 'ming')!;
    expect(new Date(exam.happenedAt).toISOString()).toBe(result.submittedAt);
    expect(await gradeOverdueAttempts(f.store, f.deps.now())).toBe(1);
    expect(await loadAttempt(f.store, { campId: CAMP_ID, quizId: 'week1', userid: 'hong' })).toMatchObject({ reason: 'timeout', score: 0 });
    expect(await gradeOverdueAttempts(f.store, f.deps.now())).toBe(0);
  });

  it('refuses starting a quiz not open yet or closed (409), and an unknown quiz (404)', async () => {
    const later = quizYaml('later', { opens: '2030-01-01T09:00', closes: '2030-01-02T09:00' });
    const over = quizYaml('over', { opens: '2020-01-01T09:00', closes: '2020-01-02T09:00' });
    for (const [id, yaml] of [['later', later], ['over', over]] as const) {
      await f.as('zhang').post(camp('/quizzes'), { file: upload(`${id}.yaml`, yaml) });
      expect((await f.as('ming').post(camp(`/quizzes/${id}/attempt`))).status).toBe(409);
    }
    expect((await f.as('ming').get(camp('/quizzes'))).body.map((q: { state: string }) => q.state)).toEqual(['open', 'upcoming', 'closed']);
    expect((await f.as('ming').post(camp('/quizzes/none/attempt'))).status).toBe(404);
  });
});

describe('statistics', () => {
  it('shows trainers each question’s answers and the submitted attempts’ scores', async () => {
    for (const [who, q1, q2] of [['ming', ['B'], ['A', 'C']], ['hong', ['A'], ['A', 'C']], ['gang', ['B'], []]] as const) {
      await f.as(who).post(quiz('/attempt'));
      await f.as(who).put(quiz('/attempt/answers/q1'), { choices: q1 });
      await f.as(who).put(quiz('/attempt/answers/q2'), { choices: q2 });
      if (who !== 'gang') await f.as(who).post(quiz('/attempt/submit'));
    }
    const stats = (await f.as('zhang').get(quiz('/stats'))).body;
    expect(stats).toMatchObject({ started: 3, submitted: 2, meanScore: 80, bands: [0, 0, 0, 1, 1] });
    expect(stats.quiz).toMatchObject({ attempts: 2, meanScore: 80 });
    expect(stats.questions.map((q: { answered: number; correctShare: number }) => [q.answered, q.correctShare])).toEqual([[2, 0.5], [2, 1]]);
    expect(stats.questions[0].options).toEqual([
      { id: 'A', text: '只说“请简洁一点”', correct: false, chosen: 1 },
      { id: 'B', text: '给出一个输出示例', correct: true, chosen: 1 },
      { id: 'C', text: '把温度调到最高', correct: false, chosen: 0 },
    ]);
    expect((await f.as('ming').get(camp('/quizzes'))).body[0]).toEqual(expect.not.objectContaining({ attempts: expect.anything() }));
  });
});
