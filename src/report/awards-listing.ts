import type { AwardsPreview } from '../db/preview-awards.js';
import type { PublishedWinner } from '../db/publication-record.js';
import { formatScore } from '../scoring/round.js';
import { isoOf } from './iso-of.js';

/** The readable preview: each award with its winners, then the warnings. */
export function awardsListing(preview: AwardsPreview): string[] {
  const names = new Map(preview.standings.rows.map((row) => [row.userid, row.name]));
  const lines = [`${preview.config.name}（${preview.config.id}）奖项预览 · 截至 ${isoOf(preview.asOf)}（草稿，未发布）`];
  for (const award of preview.config.awards) {
    const winners = preview.winners.filter((w) => w.award === award.id);
    lines.push(`【${award.name}】(${award.id}) ${winners.length} 人`);
    for (const w of winners) {
      const rank = w.rank === null ? '' : `第 ${w.rank} 名 `;
      const team = w.team === null ? '' : ` 团队 ${w.team}`;
      lines.push(`  ${rank}${names.get(w.userid) ?? w.userid}（${w.userid}）${team} ${formatScore(w.value)}`);
    }
  }
  if (preview.warnings.length > 0) lines.push('提醒：', ...preview.warnings.map((w) => `  - ${w}`));
  return lines;
}

/** One line per published winner, for people. */
export function publishedWinnerLines(winners: readonly PublishedWinner[]): string[] {
  return winners.map((w) => {
    const rank = w.rank === null ? '' : ` 第${w.rank}名`;
    return `  ${w.awardName}（${w.award}）：${w.name}(${w.userid})${w.team ? ` ${w.team}队` : ''}${rank} ${formatScore(w.value)}  证书 ${w.certificate}`;
  });
}
