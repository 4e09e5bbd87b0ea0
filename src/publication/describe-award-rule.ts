import type { AwardRule, Top } from '../camp/camp-config.js';
import { labelOf } from '../scoring/metric-labels.js';

function topText(top: Top): string {
  return 'percent' in top ? `前 ${top.percent}%` : `前 ${top.count} 名`;
}

/**
 * An award's rule in words, as the announcement and previews show it.
 * @example describeAwardRule(allRound) // '综合分前 10%'
 */
export function describeAwardRule(award: AwardRule): string {
  switch (award.kind) {
    case 'rank': {
      const tie = award.tieBreak ? `，同分比${labelOf(award.tieBreak)}` : '';
      return `${labelOf(award.rank)}${topText(award.top)}${tie}`;
    }
    case 'team':
      return `团队${labelOf(award.team)}人均${topText(award.top)}的团队成员`;
    case 'improvement': {
      const { metric, from, to } = award.improvement;
      return `${from.at} 时${labelOf(metric)}不高于 ${from.max}，结业时达到 ${to.min} 及以上`;
    }
  }
}
