import { transaction } from '../db/db.js';
import { answersOf, saveAnswer } from '../db/quiz-answers.js';
import { loadAttempt, startAttempt, type AttemptKey, type QuizAttempt } from '../db/quiz-attempts.js';
import { loadQuiz } from '../db/quiz-store.js';
import { isoOf } from '../report/iso-of.js';
import { ApiRefusal } from '../errors.js';
import type { CampRequest, ConsoleApi } from './api-router.js';
import type { QuizAttemptView, QuizResult, SaveAnswerResponse } from './api-types.js';
import { attemptDeadline } from './attempt-deadline.js';
import type { ConsoleDeps } from './console-deps.js';
import type { QuizDefinition } from './quiz-definition.js';
import { gradeAttempt, quizDefinitionOf, settledAttempt } from './quiz-grading.js';
import { attemptView, quizResult } from './quiz-views.js';

/** Taking a quiz: start or resume, read, save each answer, submit. The clock and the answer key stay on the server. */
export function attemptRoutes(api: ConsoleApi): void {
  const { deps } = api;
  const path = '/quizzes/:qid/attempt';

  api.camp('post', path, ['learner'], async (req): Promise<QuizAttemptView> => {
    const { quiz, key } = await quizAndKey(deps, req);
    const existing = await settledAttempt(deps.store, key, req.now);
    if (existing?.submittedAt) throw new ApiRefusal(409, '这份测验你已经交过了，每人只能做一次');
    if (!existing) {
      if (req.now < quiz.opensAt) throw new ApiRefusal(409, '测验还没开始');
      if (req.now >= quiz.closesAt) throw new ApiRefusal(409, '测验已经结束了');
      if (await startAttempt(deps.store, key, req.now, attemptDeadline(quiz, req.now))) req.ctx.status = 201;
    }
    return attemptView(quiz, (await loadAttempt(deps.store, key))!, await answersOf(deps.store, key), req.now);
  });

  api.camp('get', path, ['learner'], async (req): Promise<QuizAttemptView | QuizResult> => {
    const { quiz, key } = await quizAndKey(deps, req);
    const attempt = await settledAttempt(deps.store, key, req.now);
    if (!attempt) throw new ApiRefusal(404, '还没开始这份测验');
    return shown(quiz, attempt, await answersOf(deps.store, key), req.now);
  });

  api.camp('put', `${path}/answers/:questionId`, ['learner'], async (req): Promise<SaveAnswerResponse> => {
    const { quiz, key } = await quizAndKey(deps, req);
    const choices = choicesFor(quiz, req.ctx.params.questionId ?? '', req.body.choices);
    const attempt = await settledAttempt(deps.store, key, req.now);
    if (!attempt) throw new ApiRefusal(409, '请先开始测验');
    await saveWhileOpen(deps, key, req.ctx.params.questionId!, choices, req.now);
    return { savedAt: isoOf(req.now), deadline: isoOf(attempt.deadline), serverNow: isoOf(req.now) };
  });

  api.camp('post', `${path}/submit`, ['learner'], async (req): Promise<QuizResult> => {
    const { quiz, key } = await quizAndKey(deps, req);
    const attempt = await settledAttempt(deps.store, key, req.now);
    if (!attempt) throw new ApiRefusal(409, '请先开始测验');
    const graded = attempt.submittedAt === null ? await gradeAttempt(deps.store, key, 'submitted', req.now) : attempt;
    return quizResult(quiz, graded, await answersOf(deps.store, key));
  });
}

async function quizAndKey(deps: ConsoleDeps, req: CampRequest): Promise<{ quiz: QuizDefinition; key: AttemptKey }> {
  const stored = await loadQuiz(deps.store, req.campId, req.ctx.params.qid ?? '');
  if (!stored) throw new ApiRefusal(404, '没有这份测验');
  return { quiz: quizDefinitionOf(stored), key: { campId: req.campId, quizId: stored.id, userid: req.userid } };
}

/** Saves an answer unless the attempt was submitted or its time is up (checked with its row locked). */
function saveWhileOpen(deps: ConsoleDeps, key: AttemptKey, questionId: string, choices: string[], now: number): Promise<void> {
  return transaction(deps.store, async (tx) => {
    const current = (await loadAttempt(tx, key, true))!;
    if (current.submittedAt !== null || now >= current.deadline) {
      throw new ApiRefusal(409, current.reason === 'submitted' ? '测验已经交卷，不能再改' : '时间到了，测验已自动交卷');
    }
    await saveAnswer(tx, key, questionId, choices, now);
  }, 'write');
}

function shown(quiz: QuizDefinition, attempt: QuizAttempt, answers: Record<string, string[]>, now: number): QuizAttemptView | QuizResult {
  return attempt.submittedAt === null ? attemptView(quiz, attempt, answers, now) : quizResult(quiz, attempt, answers);
}

/** The chosen option ids for a question: known options, at most one for a single-choice question, `[]` clears. */
function choicesFor(quiz: QuizDefinition, questionId: string, value: unknown): string[] {
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) throw new ApiRefusal(400, '没有这道题');
  if (!Array.isArray(value) || !value.every((c) => typeof c === 'string' && question.options.some((o) => o.id === c))) {
    throw new ApiRefusal(400, '选项不正确');
  }
  const choices = [...new Set(value as string[])].sort();
  if (question.kind === 'single' && choices.length > 1) throw new ApiRefusal(400, '单选题只能选一个');
  return choices;
}
