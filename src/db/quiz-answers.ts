import { executorOf, type Db } from './db.js';
import type { AttemptKey } from './quiz-attempts.js';

/** Question id → chosen option ids. */
export type SavedAnswers = Record<string, string[]>;

/** Saves (or replaces) the answer to one question of an attempt. */
export async function saveAnswer(db: Db, key: AttemptKey, questionId: string, choices: readonly string[], now: number): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO quiz_answers (camp_id, quiz_id, userid, question_id, choices, saved_at)
     VALUES (@campId, @quizId, @userid, @questionId, @choices, @now)
     ON CONFLICT (camp_id, quiz_id, userid, question_id) DO UPDATE SET choices = excluded.choices, saved_at = excluded.saved_at`,
    { ...key, questionId, choices: JSON.stringify(choices), now },
  );
}

/** The answers saved in one attempt. */
export async function answersOf(db: Db, key: AttemptKey): Promise<SavedAnswers> {
  const rows = await executorOf(db).all<{ questionId: string; choices: string }>(
    'SELECT question_id AS "questionId", choices FROM quiz_answers WHERE camp_id = @campId AND quiz_id = @quizId AND userid = @userid',
    { ...key },
  );
  return Object.fromEntries(rows.map((row) => [row.questionId, JSON.parse(row.choices) as string[]]));
}

/** Every learner's saved answers to one quiz, by userid. */
export async function answersOfQuiz(db: Db, campId: string, quizId: string): Promise<Map<string, SavedAnswers>> {
  const rows = await executorOf(db).all<{ userid: string; questionId: string; choices: string }>(
    'SELECT userid, question_id AS "questionId", choices FROM quiz_answers WHERE camp_id = ? AND quiz_id = ?',
    [campId, quizId],
  );
  const byUser = new Map<string, SavedAnswers>();
  for (const row of rows) {
    const answers = byUser.get(row.userid) ?? {};
    answers[row.questionId] = JSON.parse(row.choices) as string[];
    byUser.set(row.userid, answers);
  }
  return byUser;
}
