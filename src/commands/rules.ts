import { METRIC_NAMES, type AwardRule, type CampConfig, type Top } from '../camp/camp-config.js';
import { labelOf, METRIC_LABELS } from '../scoring/metric-labels.js';
import type { Standings } from '../scoring/standings.js';
import type { CommandSpec } from './command-spec.js';

function topText(top: Top): string {
  return 'count' in top ? `前 ${top.count} 名` : `前 ${top.percent}%`;
}

function awardRule(award: AwardRule): string {
  if (award.kind === 'rank') {
    const tie = award.tieBreak ? `，同分比${labelOf(award.tieBreak)}` : '';
    return `${labelOf(award.rank)}${topText(award.top)}${tie}`;
  }
  if (award.kind === 'team') return `团队平均${labelOf(award.team)}${topText(award.top)}的团队成员`;
  const { metric, from, to } = award.improvement;
  return `${labelOf(metric)}在 ${from.at} 时 ≤ ${from.max}、结营时 ≥ ${to.min}`;
}

function weightLines(standings: Standings): string[] {
  const weighted = METRIC_NAMES.filter((metric) => standings.weights[metric] > 0);
  const lines = [`权重：${weighted.map((metric) => `${METRIC_LABELS[metric]} ${standings.weights[metric]}`).join('、')}`];
  if (standings.notAssessed.length > 0) {
    lines.push(`暂未计入（还没有数据）：${standings.notAssessed.map((metric) => METRIC_LABELS[metric]).join('、')}`);
  }
  return lines;
}

function targetLines(camp: CampConfig): string[] {
  const { assignment, project, practice, participation } = camp.metrics;
  return [
    `完课：共 ${camp.lessons} 课；作业：老师评分占 ${assignment.trainerShare * 100}%，互评满 ${assignment.minPeerReviews} 份时计入互评中位数`,
    `目标：项目 ${project.target} 分、实践 ${practice.target} 个、参与 ${participation.target} 次（每条至少 ${participation.minChars} 字，间隔 ${participation.cooldownSeconds} 秒，每天最多 ${participation.dailyCap} 次）`,
    `获奖资格：综合分 > 0，完课 ≥ ${camp.eligibility.minCompletion}、出勤 ≥ ${camp.eligibility.minAttendance}`,
  ];
}

function scheduleLine(camp: CampConfig): string | null {
  const { leaderboard, preview, publish } = camp.schedule;
  const parts = [
    leaderboard ? `排行榜播报 ${leaderboard}（cron）` : null,
    preview ? `评奖预览 ${preview}` : null,
    publish ? `公布 ${publish}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `日程：${parts.join('；')}` : null;
}

/** `/rules` — weights, targets, awards and the schedule. */
export const rulesCommand: CommandSpec = {
  name: 'rules',
  aliases: ['规则'],
  roles: 'all',
  usage: '/rules',
  example: '/规则',
  summary: '查看计分权重、目标、奖项与日程',
  async run(ctx) {
    const camp = ctx.camp;
    const awards = camp.awards.map((award) => {
      const prize = camp.prizes[award.id];
      return `· ${award.name}：${awardRule(award)}${prize ? `（奖品：${prize}）` : ''}`;
    });
    return [
      `「${camp.name}」${camp.starts} 至 ${camp.ends}`,
      ...weightLines(await ctx.standings()),
      ...targetLines(camp),
      '奖项：',
      ...awards,
      scheduleLine(camp),
    ].filter((line): line is string => line !== null).join('\n');
  },
};
