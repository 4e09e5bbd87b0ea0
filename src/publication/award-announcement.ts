import { joinMarkdown, type Markdown, md } from '../bot/markdown.js';
import type { CampConfig } from '../camp/camp-config.js';
import { formatScore } from '../scoring/round.js';
import type { PublicationResult, PublishedWinner } from '../db/publication-record.js';
import { describeAwardRule } from './describe-award-rule.js';

/**
 * The group announcement (markdown): every award with its rule in words and its winners; a forced re-publish
 * says which result it replaces. Camp, award, prize, team and winner names are escaped: none can add markup.
 */
export function awardAnnouncement(camp: CampConfig, result: PublicationResult, replacedAt: string | null): Markdown {
  const lines = [md`## 🏆 ${camp.name} 获奖名单`];
  if (replacedAt) lines.push(md`> ⚠️ 本次结果为重新发布，取代 ${replacedAt} 发布的结果`);
  for (const award of camp.awards) {
    const winners = result.winners.filter((w) => w.award === award.id);
    lines.push(md``, md`**${award.name}**`, md`<font color="comment">规则：${describeAwardRule(award)}</font>`);
    const prize = camp.prizes[award.id];
    if (prize) lines.push(md`<font color="comment">奖品：${prize}</font>`);
    lines.push(winners.length > 0 ? winnerLines(winners, award.kind === 'team') : md`暂无获奖者`);
  }
  lines.push(md``, md`恭喜各位获奖学员 🎉 电子证书已私信发送，可扫码验证真伪。`);
  return joinMarkdown(lines);
}

function winnerLines(winners: PublishedWinner[], byTeam: boolean): Markdown {
  if (!byTeam) return joinMarkdown(winners.map((w) => md`${w.name}（${formatScore(w.value)}）`), md`、`);
  const teams = new Map<string, PublishedWinner[]>();
  for (const w of winners) teams.set(w.team ?? '', [...(teams.get(w.team ?? '') ?? []), w]);
  return joinMarkdown([...teams].map(([team, members]) => md`${team}队（${formatScore(members[0]!.value)}）：${members.map((m) => m.name).join('、')}`));
}
