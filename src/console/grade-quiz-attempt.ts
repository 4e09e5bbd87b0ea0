import { round2 } from '../scoring/round.js';
import type { QuizDefinition } from './quiz-definition.js';

export interface GradedQuestion {
  id: string;
  chosen: string[];
  earned: number;
}

export interface GradedAttempt {
  earned: number;
  /** Percent of the quiz's points, 0–100 rounded to 2 decimals: the `exam` event's value. */
  score: number;
  questions: GradedQuestion[];
}

/** Sum of the points of every question. */
export function quizPoints(quiz: Pick<QuizDefinition, 'questions'>): number {
  return quiz.questions.reduce((sum, question) => sum + question.points, 0);
}

/**
 * Grades saved answers: a question earns its points when the chosen options are exactly its key (no partial credit
 * for multiple choice); unanswered questions earn nothing.
 * @example gradeQuizAttempt(quiz, { q1: ['B'] }).score // 50 for two equal questions, one right
 */
export function gradeQuizAttempt(quiz: QuizDefinition, answers: Readonly<Record<string, readonly string[]>>): GradedAttempt {
  const questions = quiz.questions.map((question) => {
    const chosen = [...new Set(answers[question.id] ?? [])].sort();
    const right = chosen.length === question.answer.length && chosen.every((id, i) => id === question.answer[i]);
    return { id: question.id, chosen, earned: right ? question.points : 0 };
  });
  const earned = questions.reduce((sum, question) => sum + question.earned, 0);
  const total = quizPoints(quiz);
  return { earned, score: total > 0 ? round2((100 * earned) / total) : 0, questions };
}
