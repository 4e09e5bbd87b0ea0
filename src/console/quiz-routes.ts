import { answersOfQuiz } from '../db/quiz-answers.js';
import { attemptCount, attemptsOfQuiz, attemptsOfUser } from '../db/quiz-attempts.js';
import { listQuizzes, loadQuiz, saveQuiz } from '../db/quiz-store.js';
import { transaction } from '../db/db.js';
import { ApiRefusal } from '../errors.js';
import type { CampRequest, ConsoleApi } from './api-router.js';
import type { QuizStats, QuizSummary } from './api-types.js';
import type { ConsoleDeps } from './console-deps.js';
import { parseQuizFile } from './parse-quiz-file.js';
import { refuseByPaths } from './problem-details.js';
import type { QuizDefinition } from './quiz-definition.js';
import { quizDefinitionOf, settledAttempt } from './quiz-grading.js';
import { quizStats, quizSummary } from './quiz-views.js';
import { readQuizWorkbook } from './read-quiz-workbook.js';
import { uploadOf, type Upload } from './uploaded-file.js';

/** Quizzes: the list (learners see their attempt, trainers the results), uploading one, and per-question statistics. */
export function quizRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/quizzes', ['learner', 'trainer'], async (req): Promise<QuizSummary[]> => {
    const summaries: QuizSummary[] = [];
    const mine = new Set((await attemptsOfUser(deps.store, req.campId, req.userid)).map((a) => a.quizId));
    for (const stored of await listQuizzes(deps.store, req.campId)) {
      summaries.push(await summaryFor(deps, req, quizDefinitionOf(stored), mine.has(stored.id)));
    }
    return summaries;
  });

  api.camp('post', '/quizzes', ['trainer'], async (req): Promise<QuizSummary> => {
    const quiz = await quizOfUpload(uploadOf(req.body, ['.yaml', '.yml', '.xlsx']), req.camp.timezone);
    const dryRun = req.body.dryRun === true;
    await transaction(deps.store, async (tx) => {
      if ((await attemptCount(tx, req.campId, quiz.id)) > 0) throw new ApiRefusal(409, `测验 ${quiz.id} 已经有人开始做了，不能再改；请换一个 id 上传新测验`);
      if (!dryRun) await saveQuiz(tx, { campId: req.campId, id: quiz.id, definition: JSON.stringify(quiz), uploadedBy: req.userid, uploadedAt: req.now });
    }, 'write');
    req.ctx.status = dryRun ? 200 : 201;
    return quizSummary(quiz, null, req.now, []);
  });

  api.camp('get', '/quizzes/:qid/stats', ['trainer'], async (req): Promise<QuizStats> => {
    const stored = await loadQuiz(deps.store, req.campId, req.ctx.params.qid ?? '');
    if (!stored) throw new ApiRefusal(404, '没有这份测验');
    const quiz = quizDefinitionOf(stored);
    const attempts = await attemptsOfQuiz(deps.store, req.campId, quiz.id);
    const summary = await summaryFor(deps, req, quiz, attempts.some((a) => a.userid === req.userid));
    return quizStats(summary, quiz, attempts, await answersOfQuiz(deps.store, req.campId, quiz.id));
  });
}

/** The quiz for the caller: their own attempt (settled), and the submitted attempts' results for trainers. */
async function summaryFor(deps: ConsoleDeps, req: CampRequest, quiz: QuizDefinition, started: boolean): Promise<QuizSummary> {
  const key = { campId: req.campId, quizId: quiz.id, userid: req.userid };
  const attempt = started ? await settledAttempt(deps.store, key, req.now) : null;
  const graded = req.roles.includes('trainer')
    ? (await attemptsOfQuiz(deps.store, req.campId, quiz.id)).filter((a) => a.submittedAt !== null)
    : undefined;
  return quizSummary(quiz, attempt, req.now, graded);
}

async function quizOfUpload(upload: Upload, timeZone: string): Promise<QuizDefinition> {
  try {
    if (upload.extension === '.xlsx') return await readQuizWorkbook(upload.content, timeZone);
    return parseQuizFile(upload.content.toString('utf8'), timeZone);
  } catch (error) {
    return refuseByPaths(error, '测验文件');
  }
}
