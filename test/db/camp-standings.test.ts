import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { loadCampStandings, standingsOf } from '../../src/db/camp-standings.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvent } from '../../src/db/ledger.js';
import { transaction, type Store } from '../../src/db/db.js';
import { listEvents } from '../../src/db/list-events.js';
import { importRoster, learnersOf } from '../../src/db/roster-store.js';
import { feedCampFacts, loadFactsForLearner, loadRevoked } from '../../src/db/load-facts.js';
import { previewAwards } from '../../src/db/preview-awards.js';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import { createScoreAccumulator } from '../../src/scoring/score-accumulator.js';
import { selectAwards } from '../../src/scoring/select-awards.js';
import type { Fact } from '../../src/scoring/fact.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const CAMP = `
id: eq
name: 等价营
starts: 2026-11-02
ends: 2026-12-04
lessons: 5
metrics:
  completion: { weight: 20 }
  exam: { weight: 20 }
  assignment: { weight: 20, trainerShare: 0.6, minPeerReviews: 2 }
  project: { weight: 10, target: 10 }
  practice: { weight: 10, target: 3 }
  participation: { weight: 10, target: 5 }
  attendance: { weight: 10 }
awards:
  - { id: top, name: 第一, rank: composite, top: 3 }
  - { id: ur, name: 用户研究, rank: "assignment:ur", top: 1 }
  - { id: up, name: 进步, improvement: { metric: completion, from: { at: 2026-11-05, max: 40 }, to: { min: 40 } } }
  - { id: up2, name: 出勤进步, improvement: { metric: attendance, from: { at: 2026-11-05, max: 50 }, to: { min: 50 } } }
`;
const LEARNERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const T0 = Date.parse('2026-11-03T00:00:00Z');

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
}

function randomEvent(random: () => number, i: number, lastId: number): NewEvent {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const userid = pick([...LEARNERS, 'outsider']);
  const base = { campId: 'eq', userid, actor: 't', source: 'import' as const, happenedAt: T0 + i * 3_600_000 };
  switch (pick(['lesson', 'checkin', 'session', 'exam', 'points', 'assignment', 'submission', 'grade', 'review', 'revoke', 'weights'])) {
    case 'lesson': return { ...base, type: 'lesson', num: pick([1, 2, 3, 4, 5, 5, 0, 6, 2.5, null]) };
    case 'checkin': return { ...base, type: 'checkin', ref: pick(['s1', 's2', 's3', null]) };
    case 'session': return { ...base, type: 'session', userid: null, ref: pick(['s1', 's2', 's3']) };
    case 'exam': return { ...base, type: 'exam', num: Math.floor(random() * 101), ref: pick(['final', 'mid']) };
    case 'points': return { ...base, type: pick(['project', 'practice', 'participation'] as const), num: pick([1, 2, -1, 0.5, null]) };
    case 'assignment': return { ...base, type: 'assignment', userid: null, ref: pick(['a1', 'a2']), text: pick(['ur', null]) };
    case 'submission': return { ...base, type: 'submission', text: 'x', ref: pick(['a1', 'a2']) };
    case 'grade': return { ...base, type: 'grade', num: Math.floor(random() * 101), ref: pick(['a1', 'a2']) };
    case 'review': return { ...base, type: 'review', num: Math.floor(random() * 101), ref: pick(['a1', 'a2']), actor: pick(LEARNERS) };
    case 'revoke': return { ...base, type: 'revoke', userid: null, revokes: 1 + Math.floor(random() * lastId) };
    default: return { ...base, type: 'weights', userid: null, text: JSON.stringify({ completion: 50, exam: 50 }) };
  }
}

/** Every event as the scoring functions read it, straight from the ledger. */
async function allFacts(store: Store): Promise<Fact[]> {
  return (await listEvents(store)).map((e) => ({
    id: e.id, type: e.type, userid: e.userid, num: e.num, text: e.text, ref: e.ref, actor: e.actor, at: e.happenedAt, revokes: e.revokes,
  }));
}

describe(`loadCampStandings (${testEngine()})`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
    await saveCamp(store, parseCampFile(CAMP), T0);
    await importRoster(store, 'eq', LEARNERS.map((userid, i) => ({
      userid, name: `学员${i}`, department: null, team: `T${i % 2}`, role: 'learner' as const, joined: null,
    })));
  });
  afterEach(() => store.close());

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equals scoring every event one by one (seed %i)', async (seed) => {
    const random = seeded(seed);
    await transaction(store, async (tx) => {
      for (let i = 0; i < 300; i += 1) await appendEvent(tx, randomEvent(random, i, i), T0);
    });
    const config = parseCampFile(CAMP);
    const learners = await learnersOf(store, 'eq');
    const facts = await allFacts(store);
    let improvementWinners = 0;
    for (const hours of [40, 150, 299, 400]) {
      const asOf = T0 + hours * 3_600_000;
      const expected = computeStandings({ config, learners, facts, asOf });
      expect(await loadCampStandings(store, 'eq', asOf)).toEqual(expected);
      const onlyLessons = await standingsOf(store, config, learners, asOf, new Set(['lesson']));
      const completion = (s: typeof expected): unknown => s.rows.map((r) => [r.userid, r.metrics.completion]).sort();
      expect(completion(onlyLessons)).toEqual(completion(expected));
      // Without the per-learner filter (what a roster of 1,000+ gets).
      const revoked = await loadRevoked(store, 'eq', asOf);
      const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
      await feedCampFacts(store, 'eq', asOf, revoked, config.lessons, (fact) => accumulator.add(fact));
      expect(accumulator.finish()).toEqual(expected);
      const standingsAt = (ms: number) => computeStandings({ config, learners, facts, asOf: ms });
      const { winners, warnings } = await previewAwards(store, 'eq', asOf);
      improvementWinners += winners.filter((w) => w.award === 'up' || w.award === 'up2').length;
      expect({ winners, warnings }).toEqual(selectAwards({ config, standings: expected, standingsAt }));
    }
    expect(improvementWinners).toBeGreaterThan(0);
  });

  it('lists a learner\'s facts without revoked ones', async () => {
    const exam = await appendEvent(store, { campId: 'eq', type: 'exam', userid: 'u1', num: 90, ref: 'final', actor: 't', source: 'command', happenedAt: T0 }, T0);
    await appendEvent(store, { campId: 'eq', type: 'exam', userid: 'u2', num: 70, ref: 'final', actor: 't', source: 'command', happenedAt: T0 }, T0);
    const review = await appendEvent(store, { campId: 'eq', type: 'review', userid: 'u2', num: 80, ref: 'a1', actor: 'u1', source: 'command', happenedAt: T0 }, T0);
    await appendEvent(store, { campId: 'eq', type: 'revoke', revokes: exam.id, actor: 't', source: 'command', happenedAt: T0 + 1 }, T0);
    expect((await loadFactsForLearner(store, 'eq', 'u1', T0)).map((f) => f.id)).toEqual([exam.id, review.id]);
    expect((await loadFactsForLearner(store, 'eq', 'u1', T0 + 1)).map((f) => f.id)).toEqual([review.id]);
  });
});
