import type { Db } from '../db/db.js';
import { overdueAttempts } from '../db/quiz-attempts.js';
import { settledAttempt } from './quiz-grading.js';

export interface QuizTimerOptions {
  store: Db;
  now?: () => number;
  /** Time between sweeps (default 10 s). */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Attempts graded per sweep at most; a backlog is worked off over the next sweeps. */
const BATCH = 200;

/**
 * Grades the attempts whose deadline has passed, so a learner who never comes back still gets the `exam` event at
 * the deadline. Returns how many were graded. Safe beside other instances: each attempt is graded once.
 */
export async function gradeOverdueAttempts(store: Db, now: number): Promise<number> {
  const overdue = await overdueAttempts(store, now, BATCH);
  for (const key of overdue) await settledAttempt(store, key, now);
  return overdue.length;
}

/**
 * The quiz clock of `serve`: `gradeOverdueAttempts` every `intervalMs` until stopped.
 * @example const timer = startQuizTimer({ store }); … await timer.stop();
 */
export function startQuizTimer(options: QuizTimerOptions): { stop(): Promise<void> } {
  const log = options.log ?? console.error;
  const now = options.now ?? Date.now;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let sweep: Promise<void> = Promise.resolve();
  const run = (): void => {
    sweep = gradeOverdueAttempts(options.store, now())
      .then((graded) => void (graded > 0 && log(`quizzes: graded ${graded} attempts at their deadline`)))
      .catch((error: unknown) => log(`quizzes: grading overdue attempts failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, options.intervalMs ?? 10_000).unref();
      });
  };
  timer = setTimeout(run, options.intervalMs ?? 10_000).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sweep;
    },
  };
}
