import type { RosterPerson } from '../../src/console/api-types.js';
import { rosterRows, samplePeople } from '../../src/demo/sample-people.js';
import { seededRandom } from '../../src/demo/seeded-random.js';
import { MockCamp } from './mock-camp.js';
import { sampleFacts } from './sample-facts.js';
import { AI_CAMP_YAML, PM_CAMP_YAML } from './sample-camp-yaml.js';
import { sampleAttempts } from './sample-attempts.js';
import { sampleQuizzes } from './sample-quizzes.js';

/** The signed-in user of the mock. */
export const MOCK_USER = { userid: 'u007', name: '' };

/** Two camps: a 48-learner AI camp three weeks in (the mock user learns and runs it) and a small camp they learn in. */
export function sampleCamps(): MockCamp[] {
  let id = 0;
  const nextId = (): number => (id += 1);
  const random = seededRandom(2026);
  const ai = samplePeople(random, 48, '2026-11-02');
  ai.learners[6] = { ...ai.learners[6]!, diligence: 0.97, skill: 0.93, chattiness: 0.8, improver: false };
  const aiCamp = new MockCamp(AI_CAMP_YAML, rosterRows(ai) as RosterPerson[], nextId);
  for (const event of sampleFacts(random, ai.learners, { trainer: 'zhanglaoshi', manager: 'wangjingli' })) aiCamp.record(event);
  for (const quiz of sampleQuizzes()) aiCamp.quizzes.set(quiz.id, quiz);
  sampleAttempts(aiCamp, 'ai-basics', random);
  MOCK_USER.name = aiCamp.nameOf(MOCK_USER.userid);
  const pm = samplePeople(seededRandom(7), 16, '2026-11-09');
  pm.learners[3] = { ...pm.learners[3]!, userid: MOCK_USER.userid, name: MOCK_USER.name };
  const pmCamp = new MockCamp(PM_CAMP_YAML, rosterRows(pm) as RosterPerson[], nextId);
  for (const event of sampleFacts(seededRandom(8), pm.learners, { trainer: 'chenlaoshi', manager: 'chenlaoshi' })) {
    if (event.type !== 'practice' && event.type !== 'project') pmCamp.record(event);
  }
  return [aiCamp, pmCamp];
}
