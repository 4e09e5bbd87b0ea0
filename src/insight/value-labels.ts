import type { AwardRule, CampConfig, Top, ValueRef } from '../camp/camp-config.js';
import { labelOf as scoringLabelOf } from '../scoring/metric-labels.js';

/** The value an award ranks or measures. */
export function awardValueRef(award: AwardRule): ValueRef {
  if (award.kind === 'rank') return award.rank;
  if (award.kind === 'team') return award.team;
  return award.improvement.metric;
}

/**
 * A short Chinese label for a metric, `composite` or `assignment:<tag>` (scoring's labels). A tag ranked by an award
 * takes its name from the award (`最佳用户研究奖` → `用户研究`), which reads better than the raw tag.
 * @example labelOf('assignment:user-research', camp) // '用户研究'
 */
export function labelOf(key: string, config?: Pick<CampConfig, 'awards'>): string {
  if (!key.startsWith('assignment:')) return scoringLabelOf(key as ValueRef);
  const award = config?.awards.find((a) => awardValueRef(a) === key);
  const fromAward = award?.name.replace(/^最佳/u, '').replace(/奖$/u, '');
  return fromAward || scoringLabelOf(key as ValueRef);
}

/** `前 10%` or `前 3 名`. */
export function topLabel(top: Top): string {
  return 'percent' in top ? `前 ${top.percent}%` : `前 ${top.count} 名`;
}
