import { describe, expect, it } from 'vitest';
import { attemptDeadline } from '../../src/console/attempt-deadline.js';
import { gradeQuizAttempt } from '../../src/console/grade-quiz-attempt.js';
import { parseQuizFile } from '../../src/console/parse-quiz-file.js';
import { questionsWithoutKeys } from '../../src/console/questions-without-keys.js';

const quiz = parseQuizFile(
  `id: q
title: 小测
timeLimit: 15
opens: 2026-11-23T09:00
closes: 2026-11-23T10:00
questions:
  - { text: 一, points: 10, options: [a, b], answer: B }
  - { text: 二, points: 20, options: [a, b, c], answer: [A, C] }
  - { text: 三, points: 10, options: [a, b], answer: A }
`,
  'Asia/Shanghai',
);

describe('gradeQuizAttempt', () => {
  it('gives points only for an exact key, percent of all points', () => {
    const graded = gradeQuizAttempt(quiz, { q1: ['B'], q2: ['C', 'A'], q3: ['B'] });
    expect(graded.questions.map((q) => q.earned)).toEqual([10, 20, 0]);
    expect(graded.earned).toBe(30);
    expect(graded.score).toBe(75);
  });

  it('no partial credit for multiple choice; unanswered earns nothing', () => {
    const graded = gradeQuizAttempt(quiz, { q2: ['A'] });
    expect(graded.earned).toBe(0);
    expect(graded.score).toBe(0);
  });

  it('rounds the percent to 2 decimals', () => {
    const third = parseQuizFile(
      'id: t\ntitle: t\ntimeLimit: 5\nopens: 2026-11-23T09:00\ncloses: 2026-11-23T10:00\nquestions:\n  - { text: a, options: [x, y], answer: A }\n  - { text: b, options: [x, y], answer: A }\n  - { text: c, options: [x, y], answer: A }\n',
      'Asia/Shanghai',
    );
    expect(gradeQuizAttempt(third, { q1: ['A'] }).score).toBe(33.33);
  });
});

describe('questionsWithoutKeys', () => {
  it('never carries the answer key', () => {
    const shown = questionsWithoutKeys(quiz);
    expect(JSON.stringify(shown)).not.toContain('answer');
    expect(shown[1]).toEqual({ id: 'q2', kind: 'multiple', text: '二', points: 20, options: [{ id: 'A', text: 'a' }, { id: 'B', text: 'b' }, { id: 'C', text: 'c' }] });
  });
});

describe('attemptDeadline', () => {
  it('is the time limit, or the close of the window when that comes first', () => {
    expect(attemptDeadline(quiz, quiz.opensAt)).toBe(quiz.opensAt + 15 * 60_000);
    expect(attemptDeadline(quiz, quiz.closesAt - 60_000)).toBe(quiz.closesAt);
  });
});
