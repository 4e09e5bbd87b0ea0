import type { AwardRule } from '../camp/camp-config.js';
import { METRIC_LABELS } from './metric-labels.js';
import type { Standings } from './standings.js';

const LISTED = 10;

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).join('、');
  return ids.length > LISTED ? `${shown} 等 ${ids.length} 人` : shown;
}

/** Warnings a trainer should see before publishing: ungraded work, metrics without data, silent learners. */
export function standingsWarnings(standings: Standings): string[] {
  const warnings: string[] = [];
  for (const metric of standings.notAssessed) {
    warnings.push(`「${METRIC_LABELS[metric]}」(${metric}) 权重 ${standings.weights[metric]}，但还没有数据，暂不计入综合分`);
  }
  const byAssignment = new Map<string, string[]>();
  for (const { assignment, userid } of standings.ungraded) {
    const userids = byAssignment.get(assignment);
    if (userids) userids.push(userid);
    else byAssignment.set(assignment, [userid]);
  }
  for (const [assignment, userids] of byAssignment) {
    warnings.push(`作业 ${assignment} 有 ${userids.length} 份提交尚未批改（未批改按 0 分计）：${list(userids)}`);
  }
  const silent = standings.learnersWithoutEvents;
  if (silent.length > 0) warnings.push(`${silent.length} 名学员还没有任何记录：${list(silent)}`);
  return warnings;
}

/** An award that nobody wins yet. */
export function noWinnerWarning(award: AwardRule): string {
  return `「${award.name}」(${award.id}) 暂无获奖者：没有符合条件的学员`;
}

/** An improvement award whose starting point is still in the future. */
export function earlyImprovementWarning(award: AwardRule & { kind: 'improvement' }): string {
  return `「${award.name}」(${award.id}) 的起点 ${award.improvement.from.at} 还没到，暂以当前数据作为起点`;
}
