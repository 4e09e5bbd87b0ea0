/**
 * The console mock's sample camps (console/mock: a 48-learner AI camp three weeks in, with quizzes and attempts, and
 * a small PM camp) written into a real store through the storage layer, moved by whole days so that the mock's "now"
 * falls on the last day before now at the same time of day: the real backend then serves the camps the mock showed.
 */
import { parseCampFile } from '../../../src/camp/parse-camp-file.js';
import { gradeQuizAttempt } from '../../../src/console/grade-quiz-attempt.js';
import { saveCamp } from '../../../src/db/camp-store.js';
import { transaction, type Db } from '../../../src/db/db.js';
import { appendEvent } from '../../../src/db/ledger.js';
import { saveAnswer } from '../../../src/db/quiz-answers.js';
import { finishAttempt, startAttempt } from '../../../src/db/quiz-attempts.js';
import { saveQuiz } from '../../../src/db/quiz-store.js';
import { importRoster } from '../../../src/db/roster-store.js';
import { mockNow } from '../../../console/mock/mock-clock.js';
import type { MockCamp } from '../../../console/mock/mock-camp.js';
import { sampleCamps } from '../../../console/mock/sample-camps.js';

const DAY = 86_400_000;

/** Writes the sample camps; returns their ids (the AI camp first). */
export async function seedSampleCamps(store: Db, now = Date.now()): Promise<string[]> {
  const days = Math.floor((now - mockNow()) / DAY);
  const shift = days * DAY;
  const camps = sampleCamps();
  for (const camp of camps) {
    const yaml = camp.yaml.replace(/\b(\d{4}-\d{2}-\d{2})(?=T|\b)/g, (date) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10));
    await transaction(store, async (tx) => {
      await saveCamp(tx, parseCampFile(yaml), now, yaml);
      await importRoster(tx, camp.id, camp.people);
      const ids = await appendEvents(tx, camp, shift);
      await writeQuizzes(tx, camp, shift, ids, now);
    });
  }
  return camps.map((camp) => camp.id);
}

async function appendEvents(tx: Db, camp: MockCamp, shift: number): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const e of [...camp.events].sort((a, b) => a.id - b.id)) {
    const stored = await appendEvent(tx, {
      campId: camp.id, type: e.type, userid: e.userid, num: e.num, text: e.text, ref: e.ref, actor: e.actor, source: e.source,
      happenedAt: e.at + shift, note: e.note, revokes: e.revokes === null ? null : ids.get(e.revokes) ?? null,
    }, e.recordedAt + shift);
    ids.set(e.id, stored.id);
  }
  return ids;
}

async function writeQuizzes(tx: Db, camp: MockCamp, shift: number, ids: Map<number, number>, now: number): Promise<void> {
  for (const quiz of camp.quizzes.values()) {
    const moved = { ...quiz, opensAt: quiz.opensAt + shift, closesAt: quiz.closesAt + shift };
    await saveQuiz(tx, { campId: camp.id, id: quiz.id, definition: JSON.stringify(moved), uploadedBy: camp.config.trainers[0] ?? 'import', uploadedAt: now });
  }
  for (const [key, attempt] of camp.attempts) {
    const [quizId = '', userid = ''] = key.split('\u0000');
    const attemptKey = { campId: camp.id, quizId, userid };
    await startAttempt(tx, attemptKey, attempt.startedAt + shift, attempt.deadline + shift);
    for (const [question, choices] of Object.entries(attempt.answers)) await saveAnswer(tx, attemptKey, question, choices, attempt.startedAt + shift);
    if (attempt.submittedAt === null || attempt.event === null) continue;
    const graded = gradeQuizAttempt(camp.quizzes.get(quizId)!, attempt.answers);
    await finishAttempt(tx, attemptKey, {
      submittedAt: attempt.submittedAt + shift, reason: attempt.reason ?? 'submitted', earned: graded.earned, score: graded.score, eventId: ids.get(attempt.event)!,
    });
  }
}
