import { atRiskLearners, type AtRiskLearner } from './at-risk-learners.js';
import { computeCampStats, type CampStats, type CampStatsInput } from './compute-camp-stats.js';
import { projectStandings, type Projection } from './project-standings.js';
import { suggestCategoryAwards, type CategorySuggestion } from './suggest-category-awards.js';

/** Everything `/stats` and `camp-bot stats` show. */
export interface StatsReport {
  stats: CampStats;
  /** Every learner's projection, in standings order. */
  projections: Projection[];
  atRisk: AtRiskLearner[];
  categorySuggestions: CategorySuggestion[];
}

/** Statistics, projections, the at-risk list and category-award ideas, from the same inputs. Pure. */
export function buildStatsReport(input: CampStatsInput): StatsReport {
  const projections = projectStandings(input.config, input.standings);
  return {
    stats: computeCampStats(input),
    projections: [...projections.values()],
    atRisk: atRiskLearners(input.config, input.standings, projections),
    categorySuggestions: suggestCategoryAwards(input.config, input.standings),
  };
}
