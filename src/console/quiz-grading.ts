import { transaction, type Db } from '../db/db.js';
import { appendEvent } from '../db/ledger.js';
import { answersOf } from '../db/quiz-answers.js';
import { finishAttempt, loadAttempt, type AttemptKey, type QuizAttempt } from '../db/quiz-attempts.js';
import { loadQuiz } from '../db/quiz-store.js';
import { gradeQuizAttempt } from './grade-quiz-attempt.js';
import type { QuizDefinition } from './quiz-definition.js';

/** A stored quiz's definition (answer keys included: server side only). */
export function quizDefinitionOf(stored: { definition: string }): QuizDefinition {
  return JSON.parse(stored.definition) as QuizDefinition;
}

/**
 * The attempt as it stands at `now`: one still in progress past its deadline is graded first (the timer runs on the
 * server), so every read sees it submitted. Null when the learner has not started.
 */
export async function settledAttempt(db: Db, key: AttemptKey, now: number): Promise<QuizAttempt | null> {
  const attempt = await loadAttempt(db, key);
  if (attempt && attempt.submittedAt === null && now >= attempt.deadline) return gradeAttempt(db, key, 'timeout', now);
  return attempt;
}

/**
 * Grades an attempt once, in one transaction: an `exam` event named after the quiz (ref = quiz id, value = percent,
 * the learner as actor; one per attempt whatever instance grades it) and the stored result. At the deadline the
 * attempt is graded as of its deadline. An attempt already graded is returned as it is.
 */
export function gradeAttempt(db: Db, key: AttemptKey, reason: 'submitted' | 'timeout', now: number): Promise<QuizAttempt> {
  return transaction(db, async (tx) => {
    const attempt = (await loadAttempt(tx, key, true))!;
    if (attempt.submittedAt !== null) return attempt;
    const quiz = quizDefinitionOf((await loadQuiz(tx, key.campId, key.quizId))!);
    const graded = gradeQuizAttempt(quiz, await answersOf(tx, key));
    const at = reason === 'timeout' ? attempt.deadline : Math.min(now, attempt.deadline);
    const event = await appendEvent(tx, {
      campId: key.campId, type: 'exam', userid: key.userid, num: graded.score, ref: quiz.id, actor: key.userid, source: 'command',
      happenedAt: at, note: quiz.title, dedupeKey: `quiz:${key.campId}:${key.quizId}:${key.userid}`,
    }, now);
    const result = { submittedAt: at, reason, earned: graded.earned, score: graded.score, eventId: event.id };
    await finishAttempt(tx, key, result);
    return { ...attempt, ...result };
  }, 'write');
}
