import type { CampConfig } from '../camp/camp-config.js';
import { METRIC_NAMES } from '../camp/camp-config.js';
import { compareIds } from '../scoring/competition-rank.js';
import { round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import { awardValueRef, labelOf } from './value-labels.js';

/** A category award a trainer could add: a few learners far above everyone else on one metric or tag. */
export interface CategorySuggestion {
  metric: string;
  label: string;
  leaders: { userid: string; name: string; normalized: number }[];
  /** Normalized points between the last leader and the next learner. */
  gap: number;
  /** The camp-file line that would add it. */
  rule: string;
}

/** The gap (normalized points) that counts as "far above the rest". */
export const STANDOUT_GAP = 20;
const MIN_COHORT = 5;
const MAX_LEADERS = 3;

/**
 * Metrics and assignment tags no award uses yet where the top 1–3 learners (at most a quarter of the cohort) lead the
 * next learner by at least `STANDOUT_GAP` normalized points; biggest gap first.
 * @example suggestCategoryAwards(camp, standings)[0]?.rule // '{ id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 2 }'
 */
export function suggestCategoryAwards(config: CampConfig, standings: Standings): CategorySuggestion[] {
  const cohort = standings.rows.length;
  if (cohort < MIN_COHORT) return [];
  const used = new Set(config.awards.map((a) => awardValueRef(a) as string));
  const metrics = [...METRIC_NAMES, ...standings.tags.map((t) => `assignment:${t}`)].filter((m) => !used.has(m));
  const suggestions: CategorySuggestion[] = [];
  for (const metric of metrics) {
    const sorted = standings.rows
      .map((r) => ({ userid: r.userid, name: r.name, normalized: r.metrics[metric]?.normalized ?? 0 }))
      .sort((a, b) => b.normalized - a.normalized || compareIds(a.userid, b.userid));
    const maxLeaders = Math.min(MAX_LEADERS, Math.floor(cohort / 4));
    let best: { k: number; gap: number } | null = null;
    for (let k = 1; k <= maxLeaders; k += 1) {
      const gap = round2(sorted[k - 1]!.normalized - sorted[k]!.normalized);
      if (gap >= STANDOUT_GAP && (!best || gap > best.gap)) best = { k, gap };
    }
    if (best) suggestions.push(suggestion(metric, sorted.slice(0, best.k), best.gap, config));
  }
  return suggestions.sort((a, b) => b.gap - a.gap || compareIds(a.metric, b.metric));
}

function suggestion(metric: string, leaders: CategorySuggestion['leaders'], gap: number, config: CampConfig): CategorySuggestion {
  const label = labelOf(metric, config);
  const id = metric.replace(/^assignment:/, '');
  const rank = metric.includes(':') ? `"${metric}"` : metric;
  return { metric, label, leaders, gap, rule: `{ id: ${id}, name: 最佳${label}奖, rank: ${rank}, top: ${leaders.length} }` };
}
