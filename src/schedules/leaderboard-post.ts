import { joinMarkdown, type Markdown, md } from '../bot/markdown.js';
import { formatScore, round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';

const TOP = 10;
const MOVERS = 3;

export interface Mover {
  userid: string;
  name: string;
  gain: number;
}

/** Learners whose composite rose the most since `before`, biggest first (ties by userid); only real gains. */
export function biggestMovers(now: Standings, before: Standings, count = MOVERS): Mover[] {
  const earlier = new Map(before.rows.map((r) => [r.userid, r.composite]));
  return now.rows
    .map((r) => ({ userid: r.userid, name: r.name, gain: round2(r.composite - (earlier.get(r.userid) ?? 0)) }))
    .filter((m) => m.gain > 0)
    .sort((a, b) => b.gain - a.gain || (a.userid < b.userid ? -1 : 1))
    .slice(0, count);
}

/**
 * The daily leaderboard (markdown): the top 10 with competition ranks and the biggest movers since yesterday. Names,
 * teams and the camp name are escaped, so none of them can add a link or formatting.
 * @example leaderboardMarkdown('AI 结业营', '2026-11-20', now, yesterday)
 */
export function leaderboardMarkdown(campName: string, date: string, now: Standings, before: Standings): Markdown {
  const lines = [md`## 📊 ${campName} 每日排行（${date}）`];
  const top = now.rows.filter((r) => r.composite > 0).slice(0, TOP);
  if (top.length === 0) lines.push(md`还没有成绩，加油！`);
  for (const row of top) {
    const team = row.team ? md` <font color="comment">${row.team}</font>` : md``;
    lines.push(joinMarkdown([md`${row.rank}. ${row.name}`, team, md` **${formatScore(row.composite)}**`], md``));
  }
  const movers = biggestMovers(now, before);
  if (movers.length > 0) {
    lines.push(md``, md`🚀 **进步最快**（较昨日）`);
    for (const mover of movers) lines.push(md`${mover.name} <font color="info">+${formatScore(mover.gain)}</font>`);
  }
  lines.push(md``, md`发送 /我的 查看自己的成绩和离奖项还差多少`);
  return joinMarkdown(lines);
}
