import type { CampConfig } from '../camp/camp-config.js';
import type { Standings } from '../scoring/standings.js';
import { countAtOrAbove, rowOf } from './standings-index.js';
import { labelOf } from './value-labels.js';

/** Where a learner stands highest relative to the cohort. */
export interface Strength {
  /** A metric name or `assignment:<tag>`. */
  metric: string;
  label: string;
  normalized: number;
  /** Share of the cohort at or above the learner on it, as a whole percent (at least 1): `前 8%`. */
  topPercent: number;
  /** `你的强项：用户研究，前 8%` */
  text: string;
}

/** Metrics a learner can stand out on: the assessed ones and every tag. */
function candidates(standings: Standings): string[] {
  return [...standings.assessed, ...standings.tags.map((tag) => `assignment:${tag}`)];
}

/**
 * The metric or assignment tag on which the learner's normalized value puts them highest in the cohort (the smallest
 * share of learners at or above them; ties go to the higher value, then display order). Null when the learner has
 * no positive value anywhere, or when they stand in the top half nowhere (nothing worth calling a strength).
 * @example strengthOf(standings, 'u3', camp)?.text // '你的强项：用户研究，前 8%'
 */
export function strengthOf(standings: Standings, userid: string, config?: Pick<CampConfig, 'awards'>): Strength | null {
  const row = rowOf(standings, userid);
  const cohort = standings.rows.length;
  if (!row || cohort === 0) return null;
  let best: { metric: string; normalized: number; share: number } | null = null;
  for (const metric of candidates(standings)) {
    const mine = row.metrics[metric]?.normalized ?? 0;
    if (mine <= 0) continue;
    const share = countAtOrAbove(standings, metric, mine) / cohort;
    if (!best || share < best.share || (share === best.share && mine > best.normalized)) best = { metric, normalized: mine, share };
  }
  if (!best || best.share > 0.5) return null;
  const label = labelOf(best.metric, config);
  const topPercent = Math.max(1, Math.round(best.share * 100));
  return { metric: best.metric, label, normalized: best.normalized, topPercent, text: `你的强项：${label}，前 ${topPercent}%` };
}
