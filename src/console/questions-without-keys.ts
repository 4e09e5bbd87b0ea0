import type { QuizQuestion } from './api-types.js';
import type { QuizDefinition } from './quiz-definition.js';

/** The questions as a learner may see them before submitting: every field but the answer key, copied field by field. */
export function questionsWithoutKeys(quiz: Pick<QuizDefinition, 'questions'>): QuizQuestion[] {
  return quiz.questions.map(({ id, kind, text, points, options }) => ({
    id,
    kind,
    text,
    points,
    options: options.map((option) => ({ id: option.id, text: option.text })),
  }));
}
