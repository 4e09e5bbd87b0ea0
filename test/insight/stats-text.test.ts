import { describe, expect, it } from 'vitest';
import { buildStatsReport } from '../../src/insight/build-stats-report.js';
import { statsText } from '../../src/insight/stats-text.js';
import { at, camp, ROSTER, standings } from './insight-fixture.js';

const NOW = at('2026-11-11T00:00');
const config = { ...camp, awards: camp.awards.filter((a) => a.id !== 'user-research') };
const report = buildStatsReport({ config, standings: standings(NOW), winners: [{ award: 'all-round', userid: 'a2' }], roster: ROSTER, facts: [], now: NOW });

describe('statsText', () => {
  it('lists learners at risk with the award they are closest to, and category-award ideas', () => {
    const text = statsText(report, config);
    expect(text).toContain('B（3 人）：完课 33.33，考试 60.00，项目 20.00\n未分组（1 人）');
    expect(text).toContain('【预计无缘奖项（2 人）】\n孙八 当前 0.00，预计 0.00\n王五 当前 23.00，预计 39.00，离全能优秀学员奖最近（需 56.00）');
    expect(text).toContain('【可考虑新增的奖项】\n作业（data）：钱七 领先其他人 95.00 分');
    expect(text).toContain('研发 2 人，平均 73.00，获奖 1 人（全能优秀学员奖 1）');
    expect(text).not.toContain('【预计结业综合分】');
  });

  it('adds every projection in detail mode', () => {
    const text = statsText(report, config, { detail: true, winnersSource: 'published' });
    expect(text).toContain('获奖按已发布结果统计');
    expect(text).toContain('【预计结业综合分】\na2 当前 94.00 → 预计 94.00\na4 当前 56.00 → 预计 91.00');
  });
});
