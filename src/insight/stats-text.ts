import type { CampConfig } from '../camp/camp-config.js';
import { formatScore } from '../scoring/round.js';
import type { StatsReport } from './build-stats-report.js';
import type { GroupDistribution } from './group-distribution.js';
import type { GroupMetricMeans } from './metric-means.js';
import { formatLocalTime } from '../camp/time-zone.js';
import { labelOf } from './value-labels.js';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function groupLine(group: GroupDistribution, config: CampConfig): string {
  const awards = config.awards.filter((a) => group.awards[a.id]).map((a) => `${a.name} ${group.awards[a.id]}`);
  const detail = awards.length > 0 ? `（${awards.join('，')}）` : '';
  return `${group.label} ${group.learners} 人，平均 ${formatScore(group.meanComposite)}，获奖 ${group.winners} 人${detail}`;
}

function projectionLine(report: StatsReport): string {
  const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const projected = mean(report.projections.map((p) => p.projected));
  return `【预计结业】平均综合分 ${formatScore(projected)}（当前 ${formatScore(report.stats.meanComposite)}；按各人至今的完课与得分速度推算）`;
}

function meansLine(group: GroupMetricMeans, metrics: string[], config: CampConfig): string {
  const parts = metrics.map((m) => `${labelOf(m, config)} ${formatScore(group.means[m]?.normalized ?? 0)}`);
  return `${group.group}（${group.learners} 人）：${parts.join('，')}`;
}

/**
 * The report as Chinese text. `detail: false` is the short chat summary (`/stats`); `detail: true` adds every team,
 * every day of participation and every projection (`camp-bot stats`).
 */
export function statsText(
  report: StatsReport,
  config: CampConfig,
  { detail = false, winnersSource = 'preview' }: { detail?: boolean; winnersSource?: 'published' | 'preview' } = {},
): string {
  const { stats, atRisk, categorySuggestions } = report;
  const every = stats.metricMeans.byTeam[0] ? Object.keys(stats.metricMeans.byTeam[0].means) : [];
  const shown = detail ? every : stats.assessed;
  const lines = [
    `📊 ${config.name} 统计（截至 ${formatLocalTime(stats.asOf, config.timezone)}）`,
    `学员 ${stats.learners} 人，平均综合分 ${formatScore(stats.meanComposite)}；获奖按${winnersSource === 'published' ? '已发布结果' : '当前预览'}统计`,
    '【按部门】',
    ...stats.byDepartment.map((g) => groupLine(g, config)),
    '【按司龄】',
    ...stats.byTenure.map((g) => groupLine(g, config)),
    '【各团队指标均值（标准分）】',
    ...stats.metricMeans.byTeam.map((g) => meansLine(g, shown, config)),
  ];
  if (detail) lines.push('【各部门指标均值（标准分）】', ...stats.metricMeans.byDepartment.map((g) => meansLine(g, shown, config)));
  lines.push('【数据覆盖】', stats.assessedShare.filter((c) => detail || c.learners > 0)
    .map((c) => `${labelOf(c.metric, config)} ${c.learners}/${stats.learners}（${percent(c.share)}）`).join('，') || '暂无数据');
  const days = detail ? stats.participationByDay : stats.participationByDay.slice(-7);
  if (days.length > 0) lines.push(`【群内参与${detail ? '' : '（近 7 天）'}】`, days.map((d) => `${d.date.slice(5)} ${d.points}（${d.learners} 人）`).join('，'));
  lines.push(projectionLine(report), ...atRiskLines(report, detail));
  if (categorySuggestions.length > 0) {
    lines.push('【可考虑新增的奖项】');
    for (const s of categorySuggestions) lines.push(`${s.label}：${s.leaders.map((l) => l.name).join('、')} 领先其他人 ${formatScore(s.gap)} 分`);
  }
  if (detail) lines.push('【预计结业综合分】', ...report.projections.map((p) => `${p.userid} 当前 ${formatScore(p.current)} → 预计 ${formatScore(p.projected)}`));
  return lines.join('\n');
}

function atRiskLines(report: StatsReport, detail: boolean): string[] {
  const { atRisk } = report;
  if (atRisk.length === 0) return ['【预计无缘奖项】无'];
  const limit = detail ? atRisk.length : 10;
  const lines = atRisk.slice(0, limit).map((l) => {
    const closest = l.closest ? `，离${l.closest.awardName}最近（需 ${formatScore(l.closest.cutoff)}）` : '';
    return `${l.name} 当前 ${formatScore(l.current)}，预计 ${formatScore(l.projected)}${closest}`;
  });
  if (atRisk.length > limit) lines.push(`……另有 ${atRisk.length - limit} 人`);
  return [`【预计无缘奖项（${atRisk.length} 人）】`, ...lines];
}
