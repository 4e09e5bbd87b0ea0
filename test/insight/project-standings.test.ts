import { describe, expect, it } from 'vitest';
import { atRiskLearners } from '../../src/insight/at-risk-learners.js';
import { awardCutoffs } from '../../src/insight/award-cutoffs.js';
import { projectStandings } from '../../src/insight/project-standings.js';
import { at, camp, SPECS, standings } from './insight-fixture.js';

// Nov 11 00:00 local: 10 of the camp's 30 days have passed, so lessons and points are expected to triple.
const TEN_DAYS_IN = standings(at('2026-11-11T00:00'));

describe('projectStandings', () => {
  const projections = projectStandings(camp, TEN_DAYS_IN);

  it('extrapolates lessons and points at the learner own rate, capped, and holds exam scores', () => {
    const a1 = projections.get('a1')!;
    expect(a1.current).toBe(52);
    expect(a1.byMetric.completion).toEqual({ current: { raw: 4, normalized: 40 }, projected: { raw: 10, normalized: 100 }, basis: 'trend' });
    expect(a1.byMetric.project).toEqual({ current: { raw: 6, normalized: 30 }, projected: { raw: 18, normalized: 90 }, basis: 'trend' });
    expect(a1.byMetric.exam).toEqual({ current: { raw: 90, normalized: 90 }, projected: { raw: 90, normalized: 90 }, basis: 'held' });
    expect(a1.byMetric.practice!.projected.raw).toBe(9);
    expect(a1.projected).toBe(94); // 0.4·100 + 0.3·90 + 0.3·90
  });

  it('projects each learner by hand', () => {
    const projected = Object.fromEntries([...projections.values()].map((p) => [p.userid, p.projected]));
    // a3: 2→6 lessons (60), exam 50, no project → 24+15 = 39; a5: 3→9 (90), 60, 2→6 (30) → 36+18+9 = 63;
    // a4: 5→15 capped at 10 (100), 70, 10→30 capped (100) → 40+21+30 = 91.
    expect(projected).toEqual({ a2: 94, a4: 91, a1: 94, a5: 63, a3: 39, a6: 0 });
  });

  it('moves nothing before the camp starts or once it has ended', () => {
    for (const when of ['2026-10-20T10:00', '2026-12-02T10:00']) {
      const still = projectStandings(camp, standings(at(when)));
      expect([...still.values()].map((p) => p.projected)).toEqual(SPECS.map((s) => s.composite));
    }
  });
});

describe('at-risk learners', () => {
  it('reads each rank award cut-off from its k-th place', () => {
    const cutoffs = awardCutoffs(camp, TEN_DAYS_IN);
    expect(cutoffs.map((c) => [c.award.id, c.k, c.population, c.cutoff])).toEqual([
      ['all-round', 2, 5, 56], // 94, 56 | 52, 33, 23
      ['best-practice', 1, 1, 3],
      ['user-research', 1, 2, 100],
    ]);
  });

  it('lists learners projected below every cut-off, lowest first, with the closest award', () => {
    const noResearch = { ...camp, awards: camp.awards.filter((a) => a.id !== 'user-research') };
    const atRisk = atRiskLearners(noResearch, TEN_DAYS_IN, projectStandings(noResearch, TEN_DAYS_IN));
    // a5 is projected at 63 ≥ 56, so not at risk although 4th today; a3 (39) reaches no cut-off; a6 has no evidence.
    expect(atRisk.map((l) => [l.userid, l.projected])).toEqual([['a6', 0], ['a3', 39]]);
    expect(atRisk[1]!.closest).toEqual({ award: 'all-round', awardName: '全能优秀学员奖', projectedValue: 39, cutoff: 56 });
  });

  it('does not list a learner who holds a category award', () => {
    // a3 leads assignment:user-research (100 = its cut-off), so the full camp leaves only a6 at risk.
    const atRisk = atRiskLearners(camp, TEN_DAYS_IN, projectStandings(camp, TEN_DAYS_IN));
    expect(atRisk.map((l) => l.userid)).toEqual(['a6']);
  });
});
