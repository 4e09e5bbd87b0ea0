import type { CampConfig } from '../camp/camp-config.js';
import type { LineOutput } from '../report/line-output.js';
import { standingsTable } from '../report/standings-table.js';
import type { PublishedWinner } from '../db/publication-record.js';
import { labelOf } from '../scoring/metric-labels.js';
import { formatScore } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';

/** The final table: its first `top` rows (cut there even inside a tie) and how many learners there are. */
export function printStandings(io: LineOutput, camp: CampConfig, standings: Standings, top = 20): void {
  const assessed = standings.assessed.map((m) => labelOf(m)).join('、');
  io.out(`🏆 ${camp.name} 最终排名（前 ${Math.min(top, standings.rows.length)} 名，共 ${standings.rows.length} 名学员；计入综合分：${assessed}）`);
  for (const line of standingsTable(standings).slice(0, top + 1)) io.out(`  ${line}`);
}

/** Winners grouped by award, in the camp file's order; a team award names its team. */
export function printWinners(io: LineOutput, camp: CampConfig, winners: PublishedWinner[]): void {
  io.out(`🎖  获奖名单（${winners.length} 人次）`);
  for (const award of camp.awards) {
    const list = winners.filter((w) => w.award === award.id);
    const prize = camp.prizes[award.id] ? `【${camp.prizes[award.id]}】` : '';
    io.out(`  ${award.name}${prize}：${list.length === 0 ? '暂无' : `${list.length} 人`}`);
    const teams = [...new Set(list.map((w) => w.team).filter((t): t is string => award.kind === 'team' && t !== null))];
    if (teams.length > 0) io.out(`    获奖团队：${teams.join('、')}`);
    const shown = list.map((w) => `${w.name}(${w.userid}${w.rank === null ? '' : ` #${w.rank}`} ${formatScore(w.value)})`);
    for (let i = 0; i < shown.length; i += 5) io.out(`    ${shown.slice(i, i + 5).join('  ')}`);
  }
}
