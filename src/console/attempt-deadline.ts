import type { QuizDefinition } from './quiz-definition.js';

/** When an attempt started at `startedAt` stops taking answers: its time limit, or the quiz's close, whichever is first. */
export function attemptDeadline(quiz: Pick<QuizDefinition, 'timeLimitMinutes' | 'closesAt'>, startedAt: number): number {
  return Math.min(startedAt + quiz.timeLimitMinutes * 60_000, quiz.closesAt);
}
