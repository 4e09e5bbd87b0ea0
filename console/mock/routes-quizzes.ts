import type { Router } from '@koa/router';
import type { QuizAttemptView, QuizResult, QuizStats, QuizSummary } from '../../src/console/api-types.js';
import { attemptDeadline } from '../../src/console/attempt-deadline.js';
import { gradeQuizAttempt, quizPoints } from '../../src/console/grade-quiz-attempt.js';
import { parseQuizFile } from '../../src/console/parse-quiz-file.js';
import type { QuizDefinition } from '../../src/console/quiz-definition.js';
import { questionsWithoutKeys } from '../../src/console/questions-without-keys.js';
import { readQuizWorkbook } from '../../src/console/read-quiz-workbook.js';
import { round2 } from '../../src/scoring/round.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockAttempt, MockCamp } from './mock-camp.js';
import { campRoute, refuse, type MockServices } from './mock-http.js';
import { refuseByPaths, uploadedFile } from './mock-upload.js';

const attemptKey = (quiz: string, userid: string): string => `${quiz}\u0000${userid}`;

/** Quizzes: trainers upload them and read per-question statistics; a learner takes each once, timed by the server. */
export function quizRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/quizzes', ['learner', 'trainer'], ({ camp, userid, roles }) =>
    [...camp.quizzes.values()].map((quiz) => summaryOf(camp, quiz, userid, roles.includes('trainer'))));

  campRoute(router, services, 'post', '/quizzes', ['trainer'], async ({ ctx, camp, userid, body }) => {
    const { name, content } = uploadedFile(body);
    const quiz = await readQuiz(name, content, camp.config.timezone).catch(refuseByPaths);
    const started = [...camp.attempts.keys()].some((key) => key.startsWith(`${quiz.id}\u0000`));
    if (started) refuse(409, `测验 ${quiz.id} 已经有人开始做了，不能再改；请换一个 id 上传新测验`);
    if (body.dryRun !== true) camp.quizzes.set(quiz.id, quiz);
    ctx.status = body.dryRun === true ? 200 : 201;
    return summaryOf(camp, quiz, userid, true);
  });

  campRoute(router, services, 'get', '/quizzes/:qid/stats', ['trainer'], ({ ctx, camp, userid }) => statsOf(camp, quizOf(camp, ctx.params.qid), userid));

  campRoute(router, services, 'get', '/quizzes/:qid/attempt', ['learner'], ({ ctx, camp, userid }) => {
    const quiz = quizOf(camp, ctx.params.qid);
    const attempt = settled(camp, quiz, userid) ?? refuse(404, '还没开始这份测验');
    return attempt.submittedAt === null ? attemptView(quiz, attempt) : resultOf(quiz, attempt);
  });

  campRoute(router, services, 'post', '/quizzes/:qid/attempt', ['learner'], ({ ctx, camp, userid }) => {
    const quiz = quizOf(camp, ctx.params.qid);
    const existing = settled(camp, quiz, userid);
    if (existing?.submittedAt) refuse(409, '这份测验你已经交过了，每人只能做一次');
    if (existing) return attemptView(quiz, existing);
    const now = mockNow();
    if (now < quiz.opensAt) refuse(409, '测验还没开始');
    if (now >= quiz.closesAt) refuse(409, '测验已经结束了');
    const attempt: MockAttempt = { startedAt: now, deadline: attemptDeadline(quiz, now), answers: {}, submittedAt: null, reason: null, event: null };
    camp.attempts.set(attemptKey(quiz.id, userid), attempt);
    ctx.status = 201;
    return attemptView(quiz, attempt);
  });

  campRoute(router, services, 'put', '/quizzes/:qid/attempt/answers/:questionId', ['learner'], ({ ctx, camp, userid, body }) => {
    const quiz = quizOf(camp, ctx.params.qid);
    const attempt = settled(camp, quiz, userid) ?? refuse(409, '请先开始测验');
    if (attempt.submittedAt !== null) refuse(409, attempt.reason === 'timeout' ? '时间到了，测验已自动交卷' : '测验已经交卷，不能再改');
    const question = quiz.questions.find((q) => q.id === ctx.params.questionId) ?? refuse(400, '没有这道题');
    const choices = body.choices;
    if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string' && question.options.some((o) => o.id === c))) refuse(400, '选项不正确');
    if (question.kind === 'single' && choices.length > 1) refuse(400, '单选题只能选一个');
    attempt.answers[question.id] = [...new Set(choices as string[])];
    return { savedAt: iso(mockNow()), deadline: iso(attempt.deadline), serverNow: iso(mockNow()) };
  });

  campRoute(router, services, 'post', '/quizzes/:qid/attempt/submit', ['learner'], ({ camp, userid, ctx }) => {
    const quiz = quizOf(camp, ctx.params.qid);
    const attempt = settled(camp, quiz, userid) ?? refuse(409, '请先开始测验');
    if (attempt.submittedAt === null) grade(camp, quiz, userid, attempt, 'submitted', mockNow());
    return resultOf(quiz, attempt);
  });
}

function quizOf(camp: MockCamp, id: string | undefined): QuizDefinition {
  return camp.quizzes.get(id ?? '') ?? refuse(404, '没有这份测验');
}

/** The attempt, graded first if its deadline passed (the server's timer). */
function settled(camp: MockCamp, quiz: QuizDefinition, userid: string): MockAttempt | null {
  const attempt = camp.attempts.get(attemptKey(quiz.id, userid)) ?? null;
  if (attempt && attempt.submittedAt === null && mockNow() >= attempt.deadline) grade(camp, quiz, userid, attempt, 'timeout', attempt.deadline);
  return attempt;
}

function grade(camp: MockCamp, quiz: QuizDefinition, userid: string, attempt: MockAttempt, reason: 'submitted' | 'timeout', at: number): void {
  const { score } = gradeQuizAttempt(quiz, attempt.answers);
  const event = camp.record({ type: 'exam', userid, num: score, ref: quiz.id, actor: userid, at, note: quiz.title });
  Object.assign(attempt, { submittedAt: at, reason, event: event.id });
}

function attemptView(quiz: QuizDefinition, attempt: MockAttempt): QuizAttemptView {
  return {
    quiz: { id: quiz.id, title: quiz.title, points: quizPoints(quiz), timeLimitMinutes: quiz.timeLimitMinutes },
    state: 'in_progress', startedAt: iso(attempt.startedAt), deadline: iso(attempt.deadline), serverNow: iso(mockNow()),
    questions: questionsWithoutKeys(quiz), answers: attempt.answers,
  };
}

function resultOf(quiz: QuizDefinition, attempt: MockAttempt): QuizResult {
  const graded = gradeQuizAttempt(quiz, attempt.answers);
  const shown = questionsWithoutKeys(quiz);
  return {
    quiz: { id: quiz.id, title: quiz.title, points: quizPoints(quiz) }, state: 'submitted', submittedAt: iso(attempt.submittedAt!),
    reason: attempt.reason!, earned: graded.earned, score: graded.score, event: attempt.event!,
    questions: shown.map((q, i) => ({ ...q, chosen: graded.questions[i]!.chosen, correct: quiz.questions[i]!.answer, earned: graded.questions[i]!.earned })),
  };
}

function summaryOf(camp: MockCamp, quiz: QuizDefinition, userid: string, trainer: boolean): QuizSummary {
  const now = mockNow();
  const attempt = settled(camp, quiz, userid);
  const submitted = [...camp.attempts.entries()].filter(([key, a]) => key.startsWith(`${quiz.id}\u0000`) && a.submittedAt !== null).map(([, a]) => gradeQuizAttempt(quiz, a.answers).score);
  return {
    id: quiz.id, title: quiz.title, questions: quiz.questions.length, points: quizPoints(quiz), timeLimitMinutes: quiz.timeLimitMinutes,
    opensAt: iso(quiz.opensAt), closesAt: iso(quiz.closesAt), state: now < quiz.opensAt ? 'upcoming' : now < quiz.closesAt ? 'open' : 'closed',
    attempt: attempt && { state: attempt.submittedAt ? 'submitted' : 'in_progress', startedAt: iso(attempt.startedAt), deadline: iso(attempt.deadline), score: attempt.submittedAt ? gradeQuizAttempt(quiz, attempt.answers).score : null },
    ...(trainer ? { attempts: submitted.length, meanScore: submitted.length ? round2(submitted.reduce((a, b) => a + b, 0) / submitted.length) : null } : {}),
  };
}

function statsOf(camp: MockCamp, quiz: QuizDefinition, userid: string): QuizStats {
  const attempts = [...camp.attempts.entries()].filter(([key]) => key.startsWith(`${quiz.id}\u0000`)).map(([, a]) => a);
  const done = attempts.filter((a) => a.submittedAt !== null);
  const scores = done.map((a) => gradeQuizAttempt(quiz, a.answers));
  const bands = [0, 0, 0, 0, 0];
  for (const s of scores) bands[Math.min(4, Math.floor(s.score / 20))]! += 1;
  return {
    quiz: summaryOf(camp, quiz, userid, true), started: attempts.length, submitted: done.length,
    meanScore: scores.length ? round2(scores.reduce((sum, s) => sum + s.score, 0) / scores.length) : null, bands,
    questions: quiz.questions.map((q, i) => ({
      id: q.id, kind: q.kind, text: q.text, points: q.points,
      answered: done.filter((a) => (a.answers[q.id] ?? []).length > 0).length,
      correctShare: scores.length ? round2(scores.filter((s) => s.questions[i]!.earned > 0).length / scores.length) : 0,
      options: q.options.map((o) => ({ id: o.id, text: o.text, correct: q.answer.includes(o.id), chosen: done.filter((a) => (a.answers[q.id] ?? []).includes(o.id)).length })),
    })),
  };
}

async function readQuiz(name: string, content: Buffer, timeZone: string): Promise<QuizDefinition> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readQuizWorkbook(content, timeZone);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return parseQuizFile(content.toString('utf8'), timeZone);
  refuse(400, '只支持 .yaml、.yml 或 .xlsx 测验文件');
}
