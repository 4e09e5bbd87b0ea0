import { describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { suggestNextAction } from '../../src/insight/suggest-next-action.js';
import { at, camp, CAMP_YAML, fact, SPECS, standings, type RowSpec } from './insight-fixture.js';

const NOW = at('2026-11-11T00:00');

describe('suggestNextAction', () => {
  it('finds the fewest lessons that reach the composite cut-off', () => {
    // a1: 52, cut-off 56 (2nd place); a lesson adds 0.4·100/10 = 4 points → 1 lesson.
    const action = suggestNextAction({ config: camp, standings: standings(NOW), userid: 'a1' });
    expect(action).toEqual({ award: 'all-round', kind: 'lesson', units: 1, text: '再完成 1 节课可进入全能优秀学员奖前 2 名' });
  });

  it('prefers the cheapest award: 3 practice cases beat 6 lessons', () => {
    // a5: 33 → 56 needs ⌈23/4⌉ = 6 lessons or ⌈23/1.5⌉ = 16 project points; best-practice needs 3 cases.
    const action = suggestNextAction({ config: camp, standings: standings(NOW), userid: 'a5' });
    expect(action?.text).toBe('再分享 3 个实践案例可进入最佳实践项目奖前 1 名');
  });

  it('says nothing to a learner who already holds every award within reach', () => {
    const twoAwards = { ...camp, awards: camp.awards.filter((a) => a.id === 'all-round') };
    expect(suggestNextAction({ config: twoAwards, standings: standings(NOW), userid: 'a2' })).toBeNull();
    expect(suggestNextAction({ config: twoAwards, standings: standings(NOW), userid: 'nobody' })).toBeNull();
  });

  it('suggests a missing submission when one would close the gap', () => {
    const config = parseCampFile(CAMP_YAML.replace(/metrics:[\s\S]*?awards:/, `metrics:
  completion: { weight: 50 }
  exam: { weight: 0 }
  assignment: { weight: 50 }
  project: { weight: 0 }
  practice: { weight: 0 }
awards:`).replace(/  - \{ id: best-practice[\s\S]*$/, ''));
    const specs: RowSpec[] = [
      { userid: 'x1', name: '甲', department: null, team: null, rank: 1, composite: 95, values: { completion: [10, 100], assignment: [90, 90] } },
      { userid: 'x2', name: '乙', department: null, team: null, rank: 2, composite: 80, values: { completion: [8, 80], assignment: [80, 80] } },
      { userid: 'x3', name: '丙', department: null, team: null, rank: 3, composite: 62.5, values: { completion: [8, 80], assignment: [45, 45] } },
    ];
    const table = standings(NOW, specs, {
      weights: { completion: 50, attendance: 0, exam: 0, assignment: 50, project: 0, practice: 0, participation: 0 },
      assessed: ['completion', 'assignment'],
    });
    const facts = [
      ...['x1', 'x2'].flatMap((userid) => ['h1', 'h2'].map((ref) => fact({ type: 'submission', userid, ref, at: NOW - 5000 }))),
      fact({ type: 'submission', userid: 'x3', ref: 'h1', at: NOW - 5000 }),
      fact({ type: 'grade', userid: 'x1', ref: 'h1', num: 90, at: NOW - 1000 }),
      fact({ type: 'grade', userid: 'x1', ref: 'h2', num: 90, at: NOW - 1000 }),
    ];
    // Gap 80 − 62.5 = 17.5. Two lessons left add only 10. One missing submission (h2) at the cohort's typical
    // assignment score (90+80+45)/3 = 71.67 adds 0.5·71.67/2 = 17.92.
    const action = suggestNextAction({ config, standings: table, userid: 'x3', facts });
    expect(action?.text).toBe('再提交 1 次作业可进入全能优秀学员奖前 2 名');
    expect(suggestNextAction({ config, standings: table, userid: 'x3' })).toBeNull(); // without facts: no submissions
  });

  it('counts the lessons an improvement award still needs, once its baseline time has passed', () => {
    const config = parseCampFile(CAMP_YAML.replace(/awards:[\s\S]*$/, `awards:
  - { id: most-improved, name: 进步最快奖, improvement: { metric: completion, from: { at: 2026-11-05, max: 60 }, to: { min: 100 } } }
`));
    const baseline = standings(at('2026-11-05T23:59'));
    // a5 had 30 ≤ 60 at the baseline and has 3 of 10 lessons now → 7 more.
    const later = suggestNextAction({ config, standings: standings(NOW), userid: 'a5', standingsAt: () => baseline });
    expect(later?.text).toBe('还差 7 节课即可满足进步最快奖');
    // Before the baseline, more lessons could lift a learner above `max`: no nudge.
    const early = suggestNextAction({ config, standings: standings(at('2026-11-03T00:00')), userid: 'a5', standingsAt: () => baseline });
    expect(early).toBeNull();
    // a2 was already at 100 at the baseline: out of this award.
    expect(suggestNextAction({ config, standings: standings(NOW), userid: 'a2', standingsAt: () => baseline })).toBeNull();
  });

  it('names the lessons that make a learner eligible first', () => {
    const strict = { ...camp, eligibility: { minCompletion: 50, minAttendance: 0 } };
    const specs = SPECS.map((s) => (s.userid === 'a3' ? { ...s, eligible: false } : s));
    // a3 has 20 of the 50 needed: 3 lessons of 10 points each.
    const action = suggestNextAction({ config: strict, standings: standings(NOW, specs), userid: 'a3' });
    expect(action).toEqual({ award: null, kind: 'lesson', units: 3, text: '再完成 3 节课即可获得评奖资格' });
  });
});
