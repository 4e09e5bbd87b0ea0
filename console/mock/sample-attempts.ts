import { attemptDeadline } from '../../src/console/attempt-deadline.js';
import { gradeQuizAttempt } from '../../src/console/grade-quiz-attempt.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import type { MockCamp } from './mock-camp.js';

/** Most learners took the closed quiz: answers right with a learner-dependent chance, graded, an `exam` event each. */
export function sampleAttempts(camp: MockCamp, quizId: string, random: SeededRandom): void {
  const quiz = camp.quizzes.get(quizId)!;
  for (const learner of camp.learners()) {
    if (learner.userid === 'u007' || !random.chance(0.85)) continue;
    const skill = 0.45 + 0.5 * random.next();
    const answers = Object.fromEntries(
      quiz.questions.map((q) => [q.id, random.chance(skill) ? q.answer : [random.pick(q.options).id]]),
    );
    const startedAt = quiz.opensAt + random.int(1, 40) * 3_600_000;
    const submittedAt = startedAt + random.int(3, 9) * 60_000;
    const { score } = gradeQuizAttempt(quiz, answers);
    const event = camp.record({ type: 'exam', userid: learner.userid, num: score, ref: quiz.id, actor: learner.userid, at: submittedAt, source: 'command', note: quiz.title });
    camp.attempts.set(`${quiz.id}\u0000${learner.userid}`, {
      startedAt, deadline: attemptDeadline(quiz, startedAt), answers, submittedAt, reason: 'submitted', event: event.id,
    });
  }
}
