import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import { selectAwards } from '../../src/scoring/select-awards.js';
import { factMaker, learners, testCamp } from './fact-maker.js';

/** Local Asia/Shanghai wall time → ms. */
const cst = (local: string) => Date.parse(`${local}+08:00`);

describe('awards computed from facts', () => {
  it('measures an improvement as of the end of from.at in the camp zone and as of the award time', () => {
    const config = testCamp(
      'awards:\n  - { id: up, name: 进步最快奖, improvement: { metric: completion, from: { at: 2026-11-20, max: 60 }, to: { min: 100 } } }',
    );
    const f = factMaker();
    // a: 5 lessons by 11-20 (the fifth at 23:30 local still counts as of that day), all 10 by the end.
    for (const n of [1, 2, 3, 4]) f.lesson('a', n, cst('2026-11-10T10:00:00'));
    f.lesson('a', 5, cst('2026-11-20T23:30:00'));
    for (const n of [6, 7, 8, 9, 10]) f.lesson('a', n, cst('2026-12-01T10:00:00'));
    // b: 7 lessons by 11-20 (70 > 60), 10 at the end.
    for (const n of [1, 2, 3, 4, 5, 6, 7]) f.lesson('b', n, cst('2026-11-15T10:00:00'));
    for (const n of [8, 9, 10]) f.lesson('b', n, cst('2026-12-01T10:00:00'));
    // c: 6 lessons on 11-21 00:30 local, after the starting point, 10 at the end.
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) f.lesson('c', n, cst('2026-11-21T00:30:00'));
    const people = learners('a', 'b', 'c');
    const at = (ms: number) => computeStandings({ config, learners: people, facts: f.all, asOf: ms });
    const standings = at(cst('2026-12-04T18:00:00'));
    const result = selectAwards({ config, standings, standingsAt: at });
    expect(result.winners).toEqual([
      { award: 'up', awardName: '进步最快奖', userid: 'a', team: null, rank: null, value: 50 },
      { award: 'up', awardName: '进步最快奖', userid: 'c', team: null, rank: null, value: 100 },
    ]);
  });

  it('selects the SPEC example awards from a small camp', () => {
    const config = testCamp(); // default awards: all-round (10%), best-practice (5%, tieBreak composite), best-team (project, 3)
    const f = factMaker();
    const people = ['a', 'b', 'c', 'd'].map((userid, i) => ({ userid, name: userid, team: i < 2 ? 'T1' : 'T2' }));
    f.lesson('a', 1);
    f.exam('a', 90);
    f.exam('b', 80);
    f.exam('c', 70);
    f.points('practice', 'b', 2);
    f.points('practice', 'c', 2);
    f.points('project', 'c', 10);
    f.points('project', 'd', 4);
    const standings = computeStandings({ config, learners: people, facts: f.all, asOf: Date.now() });
    // assessed: completion, exam, project, practice (Σw = 75); a: (20·10 + 30·90) / 75 = 38.67
    // b: (30·80 + 10·66.67) / 75 = 40.89; c: (30·70 + 15·50 + 10·66.67) / 75 = 46.89; d: 15·20 / 75 = 4
    expect(standings.rows.map((r) => [r.userid, r.composite])).toEqual([['c', 46.89], ['b', 40.89], ['a', 38.67], ['d', 4]]);
    const result = selectAwards({ config, standings, standingsAt: () => standings });
    expect(result.winners.map((w) => [w.award, w.userid, w.rank, w.value, w.team])).toEqual([
      ['all-round', 'c', 1, 46.89, null],
      ['best-practice', 'c', 1, 2, null], // b and c tie on practice 2; composite breaks it
      ['best-team', 'c', 1, 7, 'T2'], // T2: (10 + 4) / 2 = 7
      ['best-team', 'd', 1, 7, 'T2'],
    ]);
  });
});
