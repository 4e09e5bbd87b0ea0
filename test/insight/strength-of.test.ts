import { describe, expect, it } from 'vitest';
import { strengthOf } from '../../src/insight/strength-of.js';
import { suggestCategoryAwards } from '../../src/insight/suggest-category-awards.js';
import { at, camp, standings } from './insight-fixture.js';

const TABLE = standings(at('2026-11-11T00:00'));

describe('strengthOf', () => {
  it('picks the tag where the learner stands highest, named after the award that ranks it', () => {
    // a3 is alone at 100 on user-research (1 of 6 → 17%); on completion and exam 5 of 6 stand at or above them.
    expect(strengthOf(TABLE, 'a3', camp)).toEqual({
      metric: 'assignment:user-research', label: '用户研究', normalized: 100, topPercent: 17, text: '你的强项：用户研究，前 17%',
    });
  });

  it('breaks a tie in standing by display order and uses scoring labels for metrics', () => {
    // a2 is alone at the top of completion and of project (1 of 6 each); completion comes first.
    expect(strengthOf(TABLE, 'a2', camp)?.text).toBe('你的强项：完课，前 17%');
    expect(strengthOf(TABLE, 'a5', camp)?.metric).toBe('assignment:data');
  });

  it('finds no strength without a positive value or outside the top half', () => {
    expect(strengthOf(TABLE, 'a6', camp)).toBeNull();
    const noData = standings(TABLE.asOf, undefined, { tags: ['user-research'] });
    // Without the data tag a5 (completion 30, exam 60, project 10) has 4 of 6 at or above them everywhere.
    expect(strengthOf(noData, 'a5', camp)).toBeNull();
    expect(strengthOf(TABLE, 'nobody', camp)).toBeNull();
  });
});

describe('suggestCategoryAwards', () => {
  it('suggests metrics and tags no award uses where one learner leads the next by 20+ points', () => {
    const suggestions = suggestCategoryAwards(camp, TABLE);
    // data tag 95 vs 0, assignment 100 vs 40, completion 100 vs 50, project 100 vs 50; exam 90 vs 80 is too
    // close; practice and user-research already have awards.
    expect(suggestions.map((s) => [s.metric, s.leaders.map((l) => l.userid), s.gap])).toEqual([
      ['assignment:data', ['a5'], 95],
      ['assignment', ['a3'], 60],
      ['completion', ['a2'], 50],
      ['project', ['a2'], 50],
    ]);
    expect(suggestions[2]!.rule).toBe('{ id: completion, name: 最佳完课奖, rank: completion, top: 1 }');
    expect(suggestions[0]!.rule).toBe('{ id: data, name: 最佳作业（data）奖, rank: "assignment:data", top: 1 }');
  });

  it('needs a cohort of at least five', () => {
    expect(suggestCategoryAwards(camp, { ...TABLE, rows: TABLE.rows.slice(0, 4) })).toEqual([]);
  });
});
