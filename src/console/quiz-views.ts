import type { QuizAttempt } from '../db/quiz-attempts.js';
import type { SavedAnswers } from '../db/quiz-answers.js';
import { isoOf } from '../report/iso-of.js';
import { round2 } from '../scoring/round.js';
import type { QuizAttemptState, QuizAttemptView, QuizResult, QuizStats, QuizSummary } from './api-types.js';
import { gradeQuizAttempt, quizPoints } from './grade-quiz-attempt.js';
import type { QuizDefinition } from './quiz-definition.js';
import { questionsWithoutKeys } from './questions-without-keys.js';

/** Where a quiz's window stands at `now`. */
function quizState(quiz: QuizDefinition, now: number): QuizSummary['state'] {
  return now < quiz.opensAt ? 'upcoming' : now < quiz.closesAt ? 'open' : 'closed';
}

/** A quiz in a list: its shape and window, the caller's attempt, and for trainers how the submitted ones went. */
export function quizSummary(quiz: QuizDefinition, attempt: QuizAttempt | null, now: number, graded?: readonly QuizAttempt[]): QuizSummary {
  const summary: QuizSummary = {
    id: quiz.id, title: quiz.title, questions: quiz.questions.length, points: quizPoints(quiz), timeLimitMinutes: quiz.timeLimitMinutes,
    opensAt: isoOf(quiz.opensAt), closesAt: isoOf(quiz.closesAt), state: quizState(quiz, now), attempt: attempt && attemptState(attempt),
  };
  if (!graded) return summary;
  return { ...summary, attempts: graded.length, meanScore: meanScore(graded) };
}

function attemptState(attempt: QuizAttempt): QuizAttemptState {
  const submitted = attempt.submittedAt !== null;
  return { state: submitted ? 'submitted' : 'in_progress', startedAt: isoOf(attempt.startedAt), deadline: isoOf(attempt.deadline), score: submitted ? attempt.score : null };
}

/** An attempt in progress: the questions without their keys and the answers saved so far. */
export function attemptView(quiz: QuizDefinition, attempt: QuizAttempt, answers: SavedAnswers, now: number): QuizAttemptView {
  return {
    quiz: { id: quiz.id, title: quiz.title, points: quizPoints(quiz), timeLimitMinutes: quiz.timeLimitMinutes },
    state: 'in_progress', startedAt: isoOf(attempt.startedAt), deadline: isoOf(attempt.deadline), serverNow: isoOf(now),
    questions: questionsWithoutKeys(quiz), answers,
  };
}

/** A graded attempt, keys shown now: each question with what was chosen, the key and the points earned. */
export function quizResult(quiz: QuizDefinition, attempt: QuizAttempt, answers: SavedAnswers): QuizResult {
  const graded = gradeQuizAttempt(quiz, answers);
  return {
    quiz: { id: quiz.id, title: quiz.title, points: quizPoints(quiz) }, state: 'submitted', submittedAt: isoOf(attempt.submittedAt!),
    reason: attempt.reason!, earned: graded.earned, score: graded.score, event: attempt.eventId!,
    questions: questionsWithoutKeys(quiz).map((q, i) => ({ ...q, chosen: graded.questions[i]!.chosen, correct: quiz.questions[i]!.answer, earned: graded.questions[i]!.earned })),
  };
}

/** Per-question statistics over the submitted attempts (trainers). */
export function quizStats(summary: QuizSummary, quiz: QuizDefinition, attempts: readonly QuizAttempt[], answers: ReadonlyMap<string, SavedAnswers>): QuizStats {
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  const graded = submitted.map((a) => gradeQuizAttempt(quiz, answers.get(a.userid) ?? {}));
  const bands = [0, 0, 0, 0, 0];
  for (const g of graded) bands[Math.min(4, Math.floor(g.score / 20))]! += 1;
  return {
    quiz: summary, started: attempts.length, submitted: submitted.length, meanScore: meanScore(submitted), bands,
    questions: quiz.questions.map((q, i) => ({
      id: q.id, kind: q.kind, text: q.text, points: q.points,
      answered: graded.filter((g) => g.questions[i]!.chosen.length > 0).length,
      correctShare: graded.length ? round2(graded.filter((g) => g.questions[i]!.earned > 0).length / graded.length) : 0,
      options: q.options.map((o) => ({ id: o.id, text: o.text, correct: q.answer.includes(o.id), chosen: graded.filter((g) => g.questions[i]!.chosen.includes(o.id)).length })),
    })),
  };
}

function meanScore(attempts: readonly QuizAttempt[]): number | null {
  const scores = attempts.filter((a) => a.submittedAt !== null).map((a) => a.score ?? 0);
  return scores.length > 0 ? round2(scores.reduce((sum, score) => sum + score, 0) / scores.length) : null;
}
