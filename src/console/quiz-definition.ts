import type { QuestionKind } from './api-types.js';

/** A validated quiz file (docs/console-api.md, "Quiz files"), answer keys included: server side only. */
export interface QuizDefinition {
  id: string;
  title: string;
  timeLimitMinutes: number;
  /** The open window, ms since epoch. */
  opensAt: number;
  closesAt: number;
  questions: QuizQuestionDefinition[];
}

export interface QuizQuestionDefinition {
  id: string;
  kind: QuestionKind;
  text: string;
  points: number;
  /** Option ids are letters in file order: A, B, C… */
  options: { id: string; text: string }[];
  /** Option ids of the right answer (exactly one for `single`). */
  answer: string[];
}

/** Option ids, in order. */
export const OPTION_IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
