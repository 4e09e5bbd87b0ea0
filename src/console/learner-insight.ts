import type { CampConfig, RankAward } from '../camp/camp-config.js';
import { awardGaps } from '../commands/award-gap.js';
import { eligibilityGaps } from '../commands/eligibility-gaps.js';
import { strengthOf } from '../insight/strength-of.js';
import { isoOf } from '../report/iso-of.js';
import type { LearnerExplanation } from '../scoring/explain-learner.js';
import { labelOf, METRIC_LABELS } from '../scoring/metric-labels.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import type { LearnerInsight } from './api-types.js';

/**
 * What `/me` and `/why` say besides the learner's row, as the console shows it: eligibility, the gap to each rank
 * award, the strength, and the events behind each metric (ids of `/me`'s events).
 */
export function learnerInsight(camp: CampConfig, standings: Standings, row: StandingRow, explanation: LearnerExplanation): LearnerInsight {
  const rankAwards = camp.awards.filter((a): a is RankAward => a.kind === 'rank');
  const strength = strengthOf(standings, row.userid, camp);
  return {
    asOf: isoOf(standings.asOf),
    learners: standings.rows.length,
    eligible: row.eligible,
    eligibilityMissing: eligibilityGaps(camp, row),
    gaps: awardGaps(standings, row, rankAwards).map((g) => ({
      award: g.award.id, awardName: g.award.name, valueLabel: labelOf(g.award.rank), winning: g.winning, gap: g.gap, cutoff: g.cutoffValue,
    })),
    strength: strength && { metric: strength.metric, label: strength.label, normalized: strength.normalized, topPercent: strength.topPercent },
    metrics: explanation.metrics.map((m) => ({
      metric: m.metric, label: METRIC_LABELS[m.metric], weight: m.weight, assessed: m.assessed, raw: m.raw, normalized: m.normalized,
      events: m.facts.map((f) => ({ event: f.id, counted: f.counted, note: f.note })),
    })),
  };
}
