import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { transaction, type Store } from '../../src/db/db.js';
import { appendEvent } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { feedCampFacts, loadRevoked } from '../../src/db/load-facts.js';
import { importRoster, learnersOf } from '../../src/db/roster-store.js';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import type { Fact } from '../../src/scoring/fact.js';
import { createScoreAccumulator } from '../../src/scoring/score-accumulator.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const CAMP = `
id: par
name: 并行营
starts: 2026-11-02
ends: 2026-12-04
lessons: 4
metrics:
  completion: { weight: 20 }
  exam: { weight: 20 }
  assignment: { weight: 20, trainerShare: 0.6, minPeerReviews: 1 }
  project: { weight: 10, target: 7 }
  practice: { weight: 10, target: 3 }
  participation: { weight: 10, target: 5 }
  attendance: { weight: 10 }
awards:
  - { id: ur, name: 用户研究, rank: "assignment:ur", top: 1 }
`;
// Userids whose SQLite (UTF-8) order and JavaScript order differ, so slices and the roster cursor are exercised.
const LEARNERS = ['A1', 'a1', 'a10', 'a2', 'b', 'u\u{1F600}', 'u\uFF41', '张三', '李四', 'zz', 'Zz', 'm', 'n', 'o'];
const OUTSIDERS = ['outsider', '', 'a11'];
const T0 = Date.parse('2026-11-03T00:00:00Z');
// Reals whose 15-digit text would not read back as the same double.
const NUMS = [1, 2, 0.1, 0.2, 1 / 3, 87.33333333333333, 0.30000000000000004, -1, 2.5, null];

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
}

function randomEvent(random: () => number, i: number, lastId: number): NewEvent {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const userid = pick([...LEARNERS, ...OUTSIDERS]);
  const base = { campId: 'par', userid, actor: 't', source: 'import' as const, happenedAt: T0 + i * 3_600_000 };
  switch (pick(['lesson', 'checkin', 'session', 'exam', 'points', 'assignment', 'submission', 'grade', 'review', 'revoke'])) {
    case 'lesson': return { ...base, type: 'lesson', num: pick([1, 2, 3, 4, 0, 5, 2.5, null]) };
    case 'checkin': return { ...base, type: 'checkin', ref: pick(['s1', 's2', null]) };
    case 'session': return { ...base, type: 'session', userid: null, ref: pick(['s1', 's2']) };
    case 'exam': return { ...base, type: 'exam', num: pick(NUMS), ref: pick(['final', 'mid']) };
    case 'points': return { ...base, type: pick(['project', 'practice', 'participation'] as const), num: pick(NUMS) };
    case 'assignment': return { ...base, type: 'assignment', userid: null, ref: pick(['a1', 'a2']), text: pick(['ur', null]) };
    case 'submission': return { ...base, type: 'submission', text: 'x', ref: pick(['a1', 'a2']) };
    case 'grade': return { ...base, type: 'grade', num: pick(NUMS), ref: pick(['a1', 'a2']) };
    case 'review': return { ...base, type: 'review', num: pick(NUMS), ref: pick(['a1', 'a2']), actor: pick([...LEARNERS, 'outsider']) };
    default: return { ...base, type: 'revoke', userid: null, revokes: 1 + Math.floor(random() * lastId) };
  }
}

// A file (SQLite) or server (PostgreSQL) database: `parallel` reads on a worker thread or on pooled connections.
describe(`feedCampFacts in slices and in parallel (${testEngine()})`, () => {
  let db: SharedTestDb;
  let store: Store;
  beforeEach(async () => {
    db = await sharedTestDb();
    store = await db.open();
    await saveCamp(store, parseCampFile(CAMP), T0);
    await importRoster(store, 'par', LEARNERS.map((userid, i) => ({
      userid, name: `学员${i}`, department: null, team: `T${i % 3}`, role: 'learner' as const, joined: null,
    })));
  });
  afterEach(() => db.cleanup());

  it.each([1, 2, 3, 4, 5, 6])('equals scoring every event one by one (seed %i)', async (seed) => {
    const random = seeded(seed);
    await transaction(store, async (tx) => {
      for (let i = 0; i < 400; i += 1) await appendEvent(tx, randomEvent(random, i, i), T0);
    });
    const config = parseCampFile(CAMP);
    const learners = await learnersOf(store, 'par');
    const facts: Fact[] = (await listEvents(store)).map((e) => ({
      id: e.id, type: e.type, userid: e.userid, num: e.num, text: e.text, ref: e.ref, actor: e.actor, at: e.happenedAt, revokes: e.revokes,
    }));
    for (const hours of [100, 250, 500]) {
      const asOf = T0 + hours * 3_600_000;
      const expected = computeStandings({ config, learners, facts, asOf });
      const revoked = await loadRevoked(store, 'par', asOf);
      for (const parallel of [false, true]) {
        const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
        await feedCampFacts(store, 'par', asOf, revoked, config.lessons, (fact) => accumulator.add(fact), { parallel, rangeSize: 3 });
        expect(accumulator.finish()).toEqual(expected);
      }
    }
  });
});
