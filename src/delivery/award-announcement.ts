import type { CampConfig } from '../camp/camp-config.js';
import { formatScore } from '../scoring/round.js';
import type { PublicationResult, PublishedWinner } from './award-result.js';
import { describeAwardRule } from './describe-award-rule.js';

/**
 * The group announcement (markdown): every award with its rule in words and its winners; a forced re-publish
 * says which result it replaces.
 */
export function awardAnnouncement(camp: CampConfig, result: PublicationResult, replacedAt: string | null): string {
  const lines = [`## 🏆 ${camp.name} 获奖名单`];
  if (replacedAt) lines.push(`> ⚠️ 本次结果为重新发布，取代 ${replacedAt} 发布的结果`);
  for (const award of camp.awards) {
    const winners = result.winners.filter((w) => w.award === award.id);
    lines.push('', `**${award.name}**`, `<font color="comment">规则：${describeAwardRule(award)}</font>`);
    const prize = camp.prizes[award.id];
    if (prize) lines.push(`<font color="comment">奖品：${prize}</font>`);
    lines.push(winners.length > 0 ? winnerLine(winners, award.kind === 'team') : '暂无获奖者');
  }
  lines.push('', '恭喜各位获奖学员 🎉 电子证书已私信发送，可扫码验证真伪。');
  return lines.join('\n');
}

function winnerLine(winners: PublishedWinner[], byTeam: boolean): string {
  if (!byTeam) return winners.map((w) => `${w.name}（${formatScore(w.value)}）`).join('、');
  const teams = new Map<string, PublishedWinner[]>();
  for (const w of winners) teams.set(w.team ?? '', [...(teams.get(w.team ?? '') ?? []), w]);
  return [...teams]
    .map(([team, members]) => `${team}队（${formatScore(members[0]!.value)}）：${members.map((m) => m.name).join('、')}`)
    .join('\n');
}
