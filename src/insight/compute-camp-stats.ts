import type { CampConfig } from '../camp/camp-config.js';
import type { Fact } from '../scoring/fact.js';
import type { Standings } from '../scoring/standings.js';
import { assessedShare, type MetricCoverage } from './assessed-share.js';
import { distributionBy, type GroupDistribution, type WinnerLike } from './group-distribution.js';
import { liveFacts } from './live-facts.js';
import { meanOf } from './mean-of.js';
import { NO_DEPARTMENT, NO_TEAM } from './group-by.js';
import { metricMeansBy, type GroupMetricMeans } from './metric-means.js';
import { participationByDay, type ParticipationDay } from './participation-by-day.js';
import { TENURE_LABELS, tenureClassifier, type Tenure } from './tenure-of.js';

/** What the statistics read: the table, the award result, the roster's hire dates and the ledger. */
export interface CampStatsInput {
  config: CampConfig;
  standings: Standings;
  winners: readonly WinnerLike[];
  roster: readonly { userid: string; joined: string | null }[];
  facts: readonly Fact[];
  now: number;
}

/** The statistics of `/stats` and `camp-bot stats --json`. */
export interface CampStats {
  campId: string;
  asOf: number;
  learners: number;
  /** Metrics that make up the composite now (weight > 0 and data). */
  assessed: string[];
  meanComposite: number;
  byDepartment: GroupDistribution[];
  byTenure: GroupDistribution[];
  metricMeans: { byTeam: GroupMetricMeans[]; byDepartment: GroupMetricMeans[] };
  participationByDay: ParticipationDay[];
  assessedShare: MetricCoverage[];
}

const TENURE_ORDER: Tenure[] = ['new', 'veteran', 'unknown'];

/**
 * Distribution of composites and awards by department and by tenure, metric means per team and department,
 * participation per day and how many learners have data on each metric. Pure: every input is passed in.
 */
export function computeCampStats(input: CampStatsInput): CampStats {
  const { config, standings, winners } = input;
  const joined = new Map(input.roster.map((p) => [p.userid, p.joined]));
  const classify = tenureClassifier(config.starts, config.timezone);
  const tenure = (userid: string): Tenure => classify(joined.get(userid));
  const facts = liveFacts(input.facts, standings.asOf);
  return {
    campId: config.id,
    asOf: standings.asOf,
    learners: standings.rows.length,
    assessed: [...standings.assessed],
    meanComposite: meanOf(standings.rows.map((r) => r.composite)),
    byDepartment: distributionBy(standings.rows, winners, (r) => r.department ?? NO_DEPARTMENT),
    byTenure: distributionBy(standings.rows, winners, (r) => tenure(r.userid), (k) => TENURE_LABELS[k as Tenure], TENURE_ORDER),
    metricMeans: {
      byTeam: metricMeansBy(standings, (r) => r.team ?? NO_TEAM),
      byDepartment: metricMeansBy(standings, (r) => r.department ?? NO_DEPARTMENT),
    },
    participationByDay: participationByDay(facts, config, Math.min(input.now, standings.asOf)),
    assessedShare: assessedShare(standings, facts),
  };
}
