import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import type { Standings } from '../../src/scoring/standings.js';
import { factMaker, learners, MINUTE, T0, testCamp } from './fact-maker.js';

const END = T0 + 365 * 24 * 60 * MINUTE;

function rowOf(standings: Standings, userid: string) {
  const row = standings.rows.find((r) => r.userid === userid);
  if (!row) throw new Error(`no row for ${userid}`);
  return row;
}

/** The SPEC §4 rubric: completion 20, exam 30, assignment 25 (0.7 trainer, 2 peers), project 15/20, practice 10/3. */
function rubricScenario() {
  const f = factMaker();
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) f.lesson('a', n);
  f.lesson('a', 3); // repeated: still 8 distinct
  f.lesson('a', 11); // outside 1..10: ignored
  f.lesson('a', 0);
  for (const n of [1, 2, 3, 4, 5]) f.lesson('b', n);
  for (let n = 1; n <= 10; n++) f.lesson('c', n);

  f.exam('a', 90, 'final');
  f.exam('a', 70, 'mid');
  f.exam('a', 95, 'final'); // retaken later: 95 counts
  f.exam('b', 80, 'final');
  f.exam('c', 100, 'final');
  f.exam('c', 100, 'mid');

  f.assignment('a1', 'user-research');
  f.assignment('a2');
  f.assignment('a3'); // never graded: not counted
  f.submission('a', 'a1');
  f.grade('a', 'a1', 80);
  f.review('a', 'a1', 'b', 90);
  f.review('a', 'a1', 'c', 70);
  f.review('a', 'a1', 'b', 100); // b's second review replaces the first
  f.review('a', 'a1', 'a', 100); // self-review: ignored
  f.submission('a', 'a2');
  f.grade('a', 'a2', 90);
  f.review('a', 'a2', 'c', 50); // one peer < minPeerReviews 2: trainer grade only
  f.submission('b', 'a1'); // never graded
  f.grade('b', 'a2', 95); // graded without a submission: not submitted → 0
  f.submission('c', 'a1');
  f.grade('c', 'a1', 60);
  f.review('c', 'a1', 'a', 80);
  f.review('c', 'a1', 'b', 90);
  f.review('c', 'a1', 'd', 100);
  f.submission('c', 'a2');
  f.grade('c', 'a2', 70);
  f.submission('c', 'a3');

  f.points('project', 'a', 10);
  f.points('project', 'a', 5);
  f.points('project', 'b', 25);
  f.points('project', 'c', -5);
  f.points('practice', 'a', 1);
  f.points('practice', 'b', 3);
  return f;
}

describe('computeStandings', () => {
  const config = testCamp();
  const standings = computeStandings({ config, learners: learners('e', 'd', 'c', 'b', 'a'), facts: rubricScenario().all, asOf: END });

  it('computes each metric by the SPEC §6 rules', () => {
    const a = rowOf(standings, 'a').metrics;
    expect(a.completion).toEqual({ raw: 8, normalized: 80 });
    expect(a.exam).toEqual({ raw: 82.5, normalized: 82.5 }); // (95 + 70) / 2
    // a1: 0.7·80 + 0.3·median(100, 70) = 81.5; a2: one peer only → 90; mean 85.75
    expect(a.assignment).toEqual({ raw: 85.75, normalized: 85.75 });
    expect(a['assignment:user-research']).toEqual({ raw: 81.5, normalized: 81.5 });
    expect(a.project).toEqual({ raw: 15, normalized: 75 });
    expect(a.practice).toEqual({ raw: 1, normalized: 33.33 });
    expect(a.participation).toEqual({ raw: 0, normalized: 0 });
    expect(a.attendance).toEqual({ raw: 0, normalized: 0 });

    const b = rowOf(standings, 'b').metrics;
    expect(b.exam).toEqual({ raw: 40, normalized: 40 }); // mid not taken → 0
    expect(b.assignment).toEqual({ raw: 0, normalized: 0 });
    expect(b.project).toEqual({ raw: 25, normalized: 100 }); // raw uncapped, n capped

    const c = rowOf(standings, 'c').metrics;
    expect(c.assignment).toEqual({ raw: 69.5, normalized: 69.5 }); // a1: 0.7·60 + 0.3·90 = 69; a2: 70
    expect(c['assignment:user-research']).toEqual({ raw: 69, normalized: 69 });
    expect(c.project).toEqual({ raw: -5, normalized: 0 });
  });

  it('weights the assessed metrics into the composite and ranks by it', () => {
    expect(standings.assessed).toEqual(['completion', 'exam', 'assignment', 'project', 'practice']);
    expect(standings.notAssessed).toEqual([]);
    // a: (20·80 + 30·82.5 + 25·85.75 + 15·75 + 10·33.333…) / 100 = 76.7708…
    // c: (20·100 + 30·100 + 25·69.5) / 100 = 67.375 → 67.38; b: (1000 + 1200 + 1500 + 1000) / 100 = 47
    expect(standings.rows.map((r) => [r.userid, r.rank, r.composite, r.eligible])).toEqual([
      ['a', 1, 76.77, true],
      ['c', 2, 67.38, true],
      ['b', 3, 47, true],
      ['d', 4, 0, false],
      ['e', 4, 0, false],
    ]);
  });

  it('lists ungraded submissions, tags and learners without events', () => {
    expect(standings.ungraded).toEqual([
      { assignment: 'a1', userid: 'b' },
      { assignment: 'a3', userid: 'c' },
    ]);
    expect(standings.tags).toEqual(['user-research']);
    expect(standings.learnersWithoutEvents).toEqual(['e']); // d only reviewed
  });

  it('leaves a metric nobody has data for out of the composite and names it', () => {
    const f = factMaker();
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) f.lesson('a', n);
    const only = computeStandings({ config, learners: learners('a', 'b'), facts: f.all, asOf: END });
    expect(only.assessed).toEqual(['completion']);
    expect(only.notAssessed).toEqual(['exam', 'assignment', 'project', 'practice']);
    expect(rowOf(only, 'a').composite).toBe(80);
    expect(rowOf(only, 'b').composite).toBe(0);
  });

  it('gives 0 to everyone when nothing is assessed', () => {
    const none = computeStandings({ config, learners: learners('a', 'b'), facts: [], asOf: END });
    expect(none.rows.map((r) => [r.userid, r.rank, r.composite])).toEqual([['a', 1, 0], ['b', 1, 0]]);
    expect(none.learnersWithoutEvents).toEqual(['a', 'b']);
  });

  it('rounds the composite half away from zero (82.125 → 82.13)', () => {
    const camp = testCamp('metrics: { completion: { weight: 50 }, exam: { weight: 50 } }');
    const f = factMaker();
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) f.lesson('a', n);
    f.exam('a', 84.25);
    expect(rowOf(computeStandings({ config: camp, learners: learners('a'), facts: f.all, asOf: END }), 'a').composite).toBe(82.13);
  });

  it('counts attendance over sessions closed as of the time', () => {
    const camp = testCamp('metrics: { completion: { weight: 50 }, attendance: { weight: 50 } }');
    const f = factMaker();
    f.lesson('a', 1);
    f.checkin('a', 's1');
    f.checkin('b', 's1');
    f.checkin('b', 's1'); // twice: one session
    f.session('s1');
    f.checkin('a', 's2');
    f.session('s2', T0 + 100 * MINUTE);
    f.checkin('a', 's3'); // s3 never closes
    const later = computeStandings({ config: camp, learners: learners('a', 'b'), facts: f.all, asOf: END });
    expect(rowOf(later, 'a').metrics.attendance).toEqual({ raw: 2, normalized: 100 });
    expect(rowOf(later, 'b').metrics.attendance).toEqual({ raw: 1, normalized: 50 });
    expect(rowOf(later, 'b').composite).toBe(25); // completion 0, attendance 50
    const earlier = computeStandings({ config: camp, learners: learners('a', 'b'), facts: f.all, asOf: T0 + 50 * MINUTE });
    expect(rowOf(earlier, 'b').metrics.attendance).toEqual({ raw: 1, normalized: 100 });
  });

  it('does not assess attendance before any session closes and then waives minAttendance', () => {
    const camp = testCamp('metrics: { completion: { weight: 50 }, attendance: { weight: 50 } }\neligibility: { minAttendance: 80 }');
    const f = factMaker();
    f.lesson('a', 1);
    f.checkin('a', 's1');
    const open = computeStandings({ config: camp, learners: learners('a'), facts: f.all, asOf: END });
    expect(open.assessed).toEqual(['completion']);
    expect(open.notAssessed).toEqual(['attendance']);
    expect(rowOf(open, 'a')).toMatchObject({ composite: 10, eligible: true });
    f.session('s2');
    const closed = computeStandings({ config: camp, learners: learners('a'), facts: f.all, asOf: END });
    expect(rowOf(closed, 'a')).toMatchObject({ composite: 5, eligible: false }); // (50·10 + 50·0) / 100
  });

  it('applies eligibility on normalized completion', () => {
    const camp = testCamp('eligibility: { minCompletion: 60 }');
    const f = factMaker();
    for (const n of [1, 2, 3, 4, 5, 6]) f.lesson('a', n);
    for (const n of [1, 2, 3, 4, 5]) f.lesson('b', n);
    const s = computeStandings({ config: camp, learners: learners('a', 'b'), facts: f.all, asOf: END });
    expect(rowOf(s, 'a').eligible).toBe(true);
    expect(rowOf(s, 'b').eligible).toBe(false);
  });

  it('counts only facts that happened at or before the as-of time', () => {
    const f = factMaker();
    f.lesson('a', 1, T0);
    f.lesson('a', 2, T0 + 10 * MINUTE);
    f.points('project', 'a', 20, T0 + 10 * MINUTE + 1);
    const s = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: T0 + 10 * MINUTE });
    expect(rowOf(s, 'a').metrics.completion?.raw).toBe(2);
    expect(s.assessed).toEqual(['completion']);
    expect(s.asOf).toBe(T0 + 10 * MINUTE);
  });

  it('ignores revoked facts, restores an undone revocation and honours its time', () => {
    const f = factMaker();
    f.exam('a', 90);
    const retake = f.exam('a', 40);
    const undo = f.revoke(retake.id, T0 + 1000 * MINUTE);
    const revokedNow = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: END });
    expect(rowOf(revokedNow, 'a').metrics.exam?.raw).toBe(90);
    const beforeUndo = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: T0 + 999 * MINUTE });
    expect(rowOf(beforeUndo, 'a').metrics.exam?.raw).toBe(40);
    f.revoke(undo.id, T0 + 2000 * MINUTE);
    const restored = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: END });
    expect(rowOf(restored, 'a').metrics.exam?.raw).toBe(40);
  });

  it('breaks same-time exam scores by recording order', () => {
    const f = factMaker();
    f.exam('a', 70, 'final', T0);
    f.exam('a', 60, 'final', T0);
    const s = computeStandings({ config, learners: learners('a'), facts: [...f.all].reverse(), asOf: END });
    expect(rowOf(s, 'a').metrics.exam?.raw).toBe(60);
  });

  it('uses the latest /weights event in force at the time', () => {
    const f = factMaker();
    for (const n of [1, 2, 3, 4, 5]) f.lesson('a', n);
    f.exam('a', 100);
    f.weights({ completion: 50, exam: 50, assignment: 0, project: 0, practice: 0 }, T0 + 100 * MINUTE);
    const before = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: T0 + 99 * MINUTE });
    expect(rowOf(before, 'a').composite).toBe(80); // (20·50 + 30·100) / (20 + 30)
    const after = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: END });
    expect(after.weights.exam).toBe(50);
    expect(rowOf(after, 'a').composite).toBe(75);
  });

  it('ignores facts about people who are not enrolled learners', () => {
    const f = factMaker();
    f.exam('trainer-x', 100, 'warmup');
    f.lesson('a', 1);
    const s = computeStandings({ config, learners: learners('a'), facts: f.all, asOf: END });
    expect(s.assessed).toEqual(['completion']);
    expect(s.rows).toHaveLength(1);
  });
});
