import { executorOf, type Db } from './db.js';
import { forUpdate } from './sql-dialect.js';

/** Whose attempt at which quiz. */
export interface AttemptKey {
  campId: string;
  quizId: string;
  userid: string;
}

/** A learner's attempt: the clock and, once graded, the result. */
export interface QuizAttempt extends AttemptKey {
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  reason: 'submitted' | 'timeout' | null;
  earned: number | null;
  score: number | null;
  eventId: number | null;
}

const COLUMNS = `camp_id AS "campId", quiz_id AS "quizId", userid, started_at AS "startedAt", deadline,
  submitted_at AS "submittedAt", reason, earned, score, event_id AS "eventId"`;
const KEY = 'camp_id = @campId AND quiz_id = @quizId AND userid = @userid';

/** Starts an attempt unless one exists (a learner has one attempt per quiz); returns whether this call started it. */
export async function startAttempt(db: Db, key: AttemptKey, startedAt: number, deadline: number): Promise<boolean> {
  const { changes } = await executorOf(db).run(
    `INSERT INTO quiz_attempts (camp_id, quiz_id, userid, started_at, deadline) VALUES (@campId, @quizId, @userid, @startedAt, @deadline)
     ON CONFLICT (camp_id, quiz_id, userid) DO NOTHING`,
    { ...key, startedAt, deadline },
  );
  return changes === 1;
}

/** The attempt, or null; `lock` holds its row until the transaction ends (grading it happens once). */
export async function loadAttempt(db: Db, key: AttemptKey, lock = false): Promise<QuizAttempt | null> {
  const ex = executorOf(db);
  const row = await ex.get<QuizAttempt>(`SELECT ${COLUMNS} FROM quiz_attempts WHERE ${KEY} ${lock ? forUpdate(ex.dialect) : ''}`, { ...key });
  return row ?? null;
}

/** Every attempt at one quiz (started or graded). */
export function attemptsOfQuiz(db: Db, campId: string, quizId: string): Promise<QuizAttempt[]> {
  return executorOf(db).all<QuizAttempt>(`SELECT ${COLUMNS} FROM quiz_attempts WHERE camp_id = ? AND quiz_id = ? ORDER BY userid`, [campId, quizId]);
}

/** A learner's attempts at the camp's quizzes. */
export function attemptsOfUser(db: Db, campId: string, userid: string): Promise<QuizAttempt[]> {
  return executorOf(db).all<QuizAttempt>(`SELECT ${COLUMNS} FROM quiz_attempts WHERE camp_id = ? AND userid = ?`, [campId, userid]);
}

/** How many attempts a quiz has (any state). */
export async function attemptCount(db: Db, campId: string, quizId: string): Promise<number> {
  const row = await executorOf(db).get<{ n: number }>('SELECT count(*) AS "n" FROM quiz_attempts WHERE camp_id = ? AND quiz_id = ?', [campId, quizId]);
  return row?.n ?? 0;
}

export interface AttemptResult {
  submittedAt: number;
  reason: 'submitted' | 'timeout';
  earned: number;
  score: number;
  eventId: number;
}

/** Stores the graded result of an attempt still in progress. */
export async function finishAttempt(db: Db, key: AttemptKey, result: AttemptResult): Promise<void> {
  await executorOf(db).run(
    `UPDATE quiz_attempts SET submitted_at = @submittedAt, reason = @reason, earned = @earned, score = @score, event_id = @eventId
     WHERE ${KEY} AND submitted_at IS NULL`,
    { ...key, ...result },
  );
}

/** Attempts still in progress whose deadline has passed, oldest deadline first. */
export function overdueAttempts(db: Db, now: number, limit: number): Promise<AttemptKey[]> {
  return executorOf(db).all<AttemptKey>(
    `SELECT camp_id AS "campId", quiz_id AS "quizId", userid FROM quiz_attempts
     WHERE submitted_at IS NULL AND deadline <= ? ORDER BY deadline LIMIT ${Math.max(1, Math.floor(limit))}`,
    [now],
  );
}
