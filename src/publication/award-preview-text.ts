import { localDateTimeOf } from '../camp/time-zone.js';
import type { AwardsPreview } from '../db/preview-awards.js';
import { formatScore } from '../scoring/round.js';
import { describeAwardRule } from './describe-award-rule.js';

/** The draft trainers read before publishing: each award, its rule, its would-be winners, then the warnings. */
export function awardPreviewText(preview: AwardsPreview): string {
  const { config } = preview;
  const names = new Map(preview.standings.rows.map((r) => [r.userid, r.name]));
  const at = localDateTimeOf(preview.asOf, config.timezone).replace('T', ' ');
  const lines = [`📝 ${config.name} 评奖预览（截至 ${at}，草稿，仅培训老师可见）`];
  for (const award of config.awards) {
    const winners = preview.winners.filter((w) => w.award === award.id);
    const list = winners.map((w) => `${names.get(w.userid) ?? w.userid}(${formatScore(w.value)})`).join('、') || '暂无';
    lines.push(`· ${award.name}【${describeAwardRule(award)}】：${list}`);
  }
  if (preview.warnings.length > 0) lines.push('', '⚠️ 请注意：', ...preview.warnings.map((w) => `- ${w}`));
  lines.push('', '确认无误后发送 /奖项 发布');
  return lines.join('\n');
}
