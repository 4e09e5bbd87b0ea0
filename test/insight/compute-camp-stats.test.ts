import { describe, expect, it } from 'vitest';
import { computeCampStats } from '../../src/insight/compute-camp-stats.js';
import { tenureOf } from '../../src/insight/tenure-of.js';
import { at, camp, fact, ROSTER, standings } from './insight-fixture.js';

const NOW = at('2026-11-05T12:00');

const WINNERS = [
  { award: 'all-round', userid: 'a2' },
  { award: 'all-round', userid: 'a4' },
  { award: 'best-practice', userid: 'a1' },
];

function facts() {
  const revoked = fact({ type: 'participation', userid: 'a4', num: 1, at: at('2026-11-03T09:00') });
  return [
    ...['a1', 'a2', 'a3', 'a4', 'a5'].flatMap((userid) => [
      fact({ type: 'lesson', userid, num: 1, at: at('2026-11-02T10:00') }),
      fact({ type: 'exam', userid, num: 60, ref: 'final', at: at('2026-11-04T10:00') }),
    ]),
    ...['a1', 'a2', 'a4', 'a5'].map((userid) => fact({ type: 'project', userid, num: 2, at: at('2026-11-03T10:00') })),
    fact({ type: 'practice', userid: 'a1', num: 1, at: at('2026-11-03T10:00') }),
    fact({ type: 'assignment', ref: 'h1', text: 'user-research', at: at('2026-11-02T09:00') }),
    fact({ type: 'assignment', ref: 'h2', text: null, at: at('2026-11-02T09:00') }),
    fact({ type: 'submission', userid: 'a1', ref: 'h1', text: 'link', at: at('2026-11-03T09:00') }),
    fact({ type: 'submission', userid: 'a3', ref: 'h1', text: 'link', at: at('2026-11-03T09:00') }),
    fact({ type: 'submission', userid: 'a5', ref: 'h2', text: 'link', at: at('2026-11-03T09:00') }),
    // Participation: two on Nov 1 (one at 23:30 local, still Nov 1), one just after local midnight (Nov 2).
    fact({ type: 'participation', userid: 'a1', num: 1, at: at('2026-11-01T10:00') }),
    fact({ type: 'participation', userid: 'a1', num: 1, at: at('2026-11-01T23:30') }),
    fact({ type: 'participation', userid: 'a2', num: 1, at: at('2026-11-02T00:10') }),
    fact({ type: 'participation', userid: 'a3', num: 5, actor: 'trainer', at: at('2026-11-03T15:00') }),
    revoked,
    fact({ type: 'revoke', revokes: revoked.id, at: at('2026-11-03T10:00') }),
    // After "now": not counted.
    fact({ type: 'participation', userid: 'a3', num: 1, at: at('2026-11-06T10:00') }),
  ];
}

const stats = computeCampStats({ config: camp, standings: standings(NOW), winners: WINNERS, roster: ROSTER, facts: facts(), now: NOW });

describe('computeCampStats', () => {
  it('describes composites and awards per department', () => {
    const byKey = Object.fromEntries(stats.byDepartment.map((g) => [g.key, g]));
    expect(Object.keys(byKey).sort()).toEqual(['市场', '未填部门', '研发'].sort());
    expect(byKey['市场']).toEqual({
      key: '市场', label: '市场', learners: 3, meanComposite: 37.33, medianComposite: 33,
      bands: [0, 2, 1, 0, 0], winners: 1, awards: { 'all-round': 1 }, winnerShare: 0.33,
    });
    expect(byKey['研发']).toMatchObject({
      learners: 2, meanComposite: 73, medianComposite: 73, bands: [0, 0, 1, 0, 1], winners: 2,
      awards: { 'all-round': 1, 'best-practice': 1 }, winnerShare: 1,
    });
    expect(byKey['未填部门']).toMatchObject({ learners: 1, meanComposite: 0, bands: [1, 0, 0, 0, 0], winners: 0, awards: {} });
    expect(stats.learners).toBe(6);
    expect(stats.meanComposite).toBe(43); // (94+56+52+33+23+0)/6 = 258/6
  });

  it('splits by tenure: hired within 365 days before the start, earlier, unknown', () => {
    expect(stats.byTenure.map((g) => [g.key, g.learners, g.meanComposite, g.winners])).toEqual([
      ['new', 2, 54, 2], // a1 52 (best-practice), a4 56 (all-round; hired exactly 365 days before)
      ['veteran', 2, 63.5, 1], // a2 94 (all-round), a5 33 (hired 366 days before)
      ['unknown', 2, 11.5, 0], // a3 no date, a6 a bad date
    ]);
    expect(stats.byTenure[0]!.label).toBe('新员工（入职一年内）');
    expect(tenureOf('2026-12-01', '2026-11-01', 'Asia/Shanghai')).toBe('new');
  });

  it('gives each metric mean per team and per department, zeros included', () => {
    const a = stats.metricMeans.byTeam.find((g) => g.group === 'A')!;
    const b = stats.metricMeans.byTeam.find((g) => g.group === 'B')!;
    expect(a.learners).toBe(2);
    expect(a.means.completion).toEqual({ raw: 7, normalized: 70 });
    expect(a.means.exam).toEqual({ raw: 85, normalized: 85 });
    expect(a.means.project).toEqual({ raw: 13, normalized: 65 });
    expect(b.means.completion).toEqual({ raw: 3.33, normalized: 33.33 });
    expect(b.means.project).toEqual({ raw: 4, normalized: 20 });
    expect(b.means['assignment:data']).toEqual({ raw: 31.67, normalized: 31.67 });
    expect(stats.metricMeans.byTeam.find((g) => g.group === '未分组')!.means.exam).toEqual({ raw: 0, normalized: 0 });
    const market = stats.metricMeans.byDepartment.find((g) => g.group === '市场')!;
    expect(market.means.exam).toEqual({ raw: 60, normalized: 60 });
  });

  it('counts participation per local day, revocations and the future left out, empty days kept', () => {
    expect(stats.participationByDay).toEqual([
      { date: '2026-11-01', points: 2, learners: 1 },
      { date: '2026-11-02', points: 1, learners: 1 },
      { date: '2026-11-03', points: 5, learners: 1 },
      { date: '2026-11-04', points: 0, learners: 0 },
      { date: '2026-11-05', points: 0, learners: 0 },
    ]);
  });

  it('gives the share of learners with data on each metric and tag', () => {
    const share = Object.fromEntries(stats.assessedShare.map((c) => [c.metric, [c.learners, c.share]]));
    expect(share).toEqual({
      completion: [5, 0.83],
      attendance: [0, 0],
      exam: [5, 0.83],
      assignment: [3, 0.5],
      project: [4, 0.67],
      practice: [1, 0.17],
      participation: [3, 0.5],
      'assignment:user-research': [2, 0.33],
      'assignment:data': [0, 0],
    });
  });
});
