import type { RankAward } from '../camp/camp-config.js';
import { labelOf } from '../scoring/metric-labels.js';
import { rankAwardWinners } from '../scoring/rank-award.js';
import { formatScore, round2 } from '../scoring/round.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import { valueOf } from '../scoring/value-of.js';
import type { Winner } from '../scoring/winner.js';

/** Where a learner stands against one rank award. */
export interface AwardGap {
  award: RankAward;
  winning: boolean;
  /** How much more of the award's value reaches the current cut-off (0 when winning). */
  gap: number;
  /** The lowest winning value now (null when nobody qualifies yet). */
  cutoffValue: number | null;
}

const MIN_STEP = 0.01;

// The standings cache hands out the same `rows` until the camp changes, so winners are worked out once per version.
const winnersByRows = new WeakMap<readonly StandingRow[], Map<string, Winner[]>>();

function winnersOf(standings: Standings, award: RankAward): Winner[] {
  let byAward = winnersByRows.get(standings.rows);
  if (!byAward) winnersByRows.set(standings.rows, (byAward = new Map()));
  let winners = byAward.get(award.id);
  if (!winners) byAward.set(award.id, (winners = rankAwardWinners(award, standings)));
  return winners;
}

/** The learner against every rank award of the camp, as of the standings. */
export function awardGaps(standings: Standings, row: StandingRow, awards: readonly RankAward[]): AwardGap[] {
  return awards.map((award) => {
    const winners = winnersOf(standings, award);
    if (winners.some((winner) => winner.userid === row.userid)) return { award, winning: true, gap: 0, cutoffValue: null };
    const mine = round2(valueOf(row, award.rank));
    const cutoffValue = winners.length > 0 ? Math.min(...winners.map((winner) => winner.value)) : null;
    const gap = cutoffValue === null ? MIN_STEP : Math.max(MIN_STEP, round2(cutoffValue - mine));
    return { award, winning: false, gap, cutoffValue };
  });
}

/**
 * One line on awards for `/me`: the awards within reach now, and the gap to the nearest other one (smallest gap
 * relative to its cut-off).
 * @example awardSummary(gaps, true) // '奖项：距「全能优秀学员奖」还差综合分 3.25（入围线 81.50）'
 */
export function awardSummary(gaps: readonly AwardGap[], eligible: boolean): string {
  const winning = gaps.filter((gap) => gap.winning).map((gap) => `「${gap.award.name}」`);
  const contested = gaps.filter((gap) => !gap.winning && gap.cutoffValue !== null);
  const open = gaps.filter((gap) => !gap.winning && gap.cutoffValue === null);
  const relative = (gap: AwardGap): number => gap.gap / Math.max(gap.cutoffValue ?? 1, 1);
  const nearest = [...contested].sort((a, b) => relative(a) - relative(b))[0];
  const parts: string[] = [];
  if (winning.length > 0) parts.push(`目前在${winning.join('')}获奖线内`);
  if (nearest) {
    const what = labelOf(nearest.award.rank);
    parts.push(`距「${nearest.award.name}」还差${what} ${formatScore(nearest.gap)}（入围线 ${formatScore(nearest.cutoffValue ?? 0)}）`);
  } else if (open[0]) {
    parts.push(`「${open[0].award.name}」暂无人入围，${labelOf(open[0].award.rank)}大于 0 即可入围`);
  }
  if (parts.length === 0) return '奖项：本营没有按排名评选的奖项';
  return `奖项：${eligible ? '' : '（需先满足获奖资格）'}${parts.join('；')}`;
}
