import { describe, expect, it } from 'vitest';
import { selectAwards } from '../../src/scoring/select-awards.js';
import type { Standings } from '../../src/scoring/standings.js';
import { testCamp } from './fact-maker.js';
import { standingsOf, type RowSpec } from './standings-maker.js';

const unused = (_ms: number): Standings => {
  throw new Error('standingsAt should not be called');
};

function awardsOf(awardsYaml: string, standings: Standings, standingsAt = unused) {
  return selectAwards({ config: testCamp(`awards:\n${awardsYaml}`), standings, standingsAt });
}

const picked = (result: ReturnType<typeof awardsOf>) => result.winners.map((w) => [w.award, w.userid, w.rank, w.value, w.team]);

describe('rank awards', () => {
  it('lets every tie at the top-10% cut-off win', () => {
    // 20 eligible learners: k = ceil(20·10/100) = 2; u02 and u03 tie at rank 2.
    const rows: Record<string, RowSpec> = {};
    const composites = [95, 90, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5];
    composites.forEach((composite, i) => (rows[`u${String(i + 1).padStart(2, '0')}`] = { composite }));
    const result = awardsOf('  - { id: all-round, name: 全能奖, rank: composite, top: 10% }', standingsOf(rows));
    expect(picked(result)).toEqual([
      ['all-round', 'u01', 1, 95, null],
      ['all-round', 'u02', 2, 90, null],
      ['all-round', 'u03', 2, 90, null],
    ]);
  });

  it('gives top 5% of 7 learners to one (k = max(1, ⌈0.35⌉))', () => {
    const rows: Record<string, RowSpec> = {};
    [70, 60, 50, 40, 30, 20, 10].forEach((composite, i) => (rows[`u${i}`] = { composite }));
    const result = awardsOf('  - { id: a, name: 奖, rank: composite, top: 5% }', standingsOf(rows));
    expect(picked(result)).toEqual([['a', 'u0', 1, 70, null]]);
  });

  it('ranks a metric by its raw value among eligible learners with a value above 0', () => {
    const standings = standingsOf({
      a: { composite: 50, raw: { practice: 4 } },
      b: { composite: 60, raw: { practice: 7 }, eligible: false }, // not eligible
      c: { composite: 40, raw: { practice: 5 } },
      d: { composite: 30, raw: { practice: 0 } }, // value 0: out of the population
      e: { composite: 20, raw: { practice: 5 } },
    });
    const result = awardsOf('  - { id: p, name: 实践奖, rank: practice, top: 1 }', standings);
    expect(picked(result)).toEqual([
      ['p', 'c', 1, 5, null],
      ['p', 'e', 1, 5, null],
    ]);
  });

  it('breaks ties by the tie-break value, leaving only learners equal in both tied', () => {
    const standings = standingsOf({
      a: { composite: 50, raw: { practice: 5 } },
      b: { composite: 70, raw: { practice: 5 } },
      c: { composite: 70, raw: { practice: 5 } },
      d: { composite: 90, raw: { practice: 3 } },
    });
    const one = awardsOf('  - { id: p, name: 实践奖, rank: practice, top: 1, tieBreak: composite }', standings);
    expect(picked(one)).toEqual([
      ['p', 'b', 1, 5, null],
      ['p', 'c', 1, 5, null],
    ]);
    const three = awardsOf('  - { id: p, name: 实践奖, rank: practice, top: 3, tieBreak: composite }', standings);
    expect(picked(three).map((w) => [w[1], w[2]])).toEqual([['b', 1], ['c', 1], ['a', 3]]);
  });

  it('ranks assignment:<tag> and compares values rounded to 2 decimals', () => {
    const standings = standingsOf({
      a: { composite: 50, raw: { 'assignment:ux': 81.504 } },
      b: { composite: 50, raw: { 'assignment:ux': 81.496 } },
      c: { composite: 50, raw: { 'assignment:ux': 80 } },
      d: { composite: 50 }, // no such metric: 0
    });
    const result = awardsOf('  - { id: ux, name: 用户研究奖, rank: "assignment:ux", top: 1 }', standings);
    expect(picked(result)).toEqual([
      ['ux', 'a', 1, 81.5, null],
      ['ux', 'b', 1, 81.5, null],
    ]);
  });

  it('warns when nobody qualifies', () => {
    const result = awardsOf('  - { id: p, name: 实践奖, rank: practice, top: 3 }', standingsOf({ a: { composite: 50 } }));
    expect(result.winners).toEqual([]);
    expect(result.warnings).toContain('「实践奖」(p) 暂无获奖者：没有符合条件的学员');
  });
});

describe('team awards', () => {
  const standings = standingsOf({
    a1: { composite: 50, team: 'A', raw: { project: 10 } },
    a2: { composite: 0, team: 'A', raw: { project: 20 } }, // counts toward A's mean, but is not eligible to win
    a3: { composite: 40, team: 'A', raw: { project: 0 } },
    b1: { composite: 30, team: 'B', raw: { project: 12 } },
    b2: { composite: 30, team: 'B', raw: { project: 8 } },
    c1: { composite: 90, team: 'C', raw: { project: 100 } }, // team of one: not a team
    d1: { composite: 20, team: 'D', raw: { project: 0 } },
    d2: { composite: 20, team: 'D', raw: { project: 0 } }, // valued 0: out
    e1: { composite: 20, team: 'E', raw: { project: 4 } },
    e2: { composite: 20, team: 'E', raw: { project: 3 } },
    x: { composite: 99, team: null, raw: { project: 50 } },
  });

  it('values teams of two or more by the mean over all members; eligible members of the top N win', () => {
    // A: (10 + 20 + 0) / 3 = 10; B: (12 + 8) / 2 = 10; E: 3.5 → A and B share rank 1.
    const result = awardsOf('  - { id: team, name: 团队奖, team: project, top: 1 }', standings);
    expect(picked(result)).toEqual([
      ['team', 'a1', 1, 10, 'A'],
      ['team', 'a3', 1, 10, 'A'],
      ['team', 'b1', 1, 10, 'B'],
      ['team', 'b2', 1, 10, 'B'],
    ]);
  });

  it('stops at the cut-off rank', () => {
    const result = awardsOf('  - { id: team, name: 团队奖, team: project, top: 3 }', standings);
    expect(picked(result).map((w) => [w[1], w[2], w[3]])).toEqual([
      ['a1', 1, 10], ['a3', 1, 10], ['b1', 1, 10], ['b2', 1, 10], ['e1', 3, 3.5], ['e2', 3, 3.5],
    ]);
  });
});

describe('improvement awards', () => {
  const award = '  - { id: up, name: 进步奖, improvement: { metric: completion, from: { at: 2026-11-20, max: 60 }, to: { min: 100 } } }';
  const fromMs = Date.parse('2026-11-20T15:59:59.999Z');

  it('picks eligible learners at most max then and at least min now, valued by the gain', () => {
    const before = standingsOf({
      a: { composite: 10, normalized: { completion: 40 } },
      b: { composite: 10, normalized: { completion: 70 } }, // above max then
      c: { composite: 10, normalized: { completion: 60 } },
      d: { composite: 10, normalized: { completion: 0 } },
    }, fromMs);
    const now = standingsOf({
      a: { composite: 80, normalized: { completion: 100 } },
      b: { composite: 80, normalized: { completion: 100 } },
      c: { composite: 80, normalized: { completion: 90 } }, // below min now
      d: { composite: 0, normalized: { completion: 100 }, eligible: false },
      e: { composite: 50, normalized: { completion: 100 } }, // absent then: counts from 0
    });
    const asked: number[] = [];
    const result = awardsOf(award, now, (ms) => (asked.push(ms), before));
    expect(asked).toEqual([fromMs]);
    expect(picked(result)).toEqual([
      ['up', 'a', null, 60, null],
      ['up', 'e', null, 100, null],
    ]);
  });

  it('uses the current standings and warns while the starting point is still ahead', () => {
    const early = standingsOf({ a: { composite: 10, normalized: { completion: 30 } } }, fromMs - 1000);
    const result = awardsOf(award, early);
    expect(result.winners).toEqual([]);
    expect(result.warnings).toContain('「进步奖」(up) 的起点 2026-11-20 还没到，暂以当前数据作为起点');
  });
});

describe('selectAwards', () => {
  it('orders winners by award order in the file, then rank, then userid, and passes standings warnings on', () => {
    const standings: Standings = {
      ...standingsOf({ b: { composite: 80, raw: { practice: 2 } }, a: { composite: 80, raw: { practice: 3 } }, c: { composite: 90 } }),
      notAssessed: ['exam'],
      ungraded: [{ assignment: 'a1', userid: 'b' }, { assignment: 'a1', userid: 'c' }],
      learnersWithoutEvents: ['z'],
    };
    const result = awardsOf(
      ['  - { id: p, name: 实践奖, rank: practice, top: 2 }', '  - { id: all, name: 全能奖, rank: composite, top: 2 }'].join('\n'),
      standings,
    );
    expect(picked(result).map((w) => [w[0], w[1]])).toEqual([['p', 'a'], ['p', 'b'], ['all', 'c'], ['all', 'a'], ['all', 'b']]);
    expect(result.warnings).toEqual([
      '「考试」(exam) 权重 30，但还没有数据，暂不计入综合分',
      '作业 a1 有 2 份提交尚未批改（未批改按 0 分计）：b、c',
      '1 名学员还没有任何记录：z',
    ]);
    expect(result.winners[0]).toEqual({ award: 'p', awardName: '实践奖', userid: 'a', team: null, rank: 1, value: 3 });
  });
});
