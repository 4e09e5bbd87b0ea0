import { DEFAULT_METRICS, METRIC_NAMES, type MetricName, type MetricsConfig } from './camp-config.js';
import type { MetricsEntry } from './camp-schema.js';

/**
 * Fills the metric block with the SPEC §4 rubric. When the file sets no weight at all the example weights apply;
 * once it sets any weight, a metric whose weight it does not set weighs 0 (the file then describes the whole split).
 */
export function buildMetrics(entry: MetricsEntry | undefined): MetricsConfig {
  const given = entry ?? {};
  const setsWeights = METRIC_NAMES.some((metric) => given[metric]?.weight !== undefined);
  const weight = (metric: MetricName): number =>
    given[metric]?.weight ?? (setsWeights ? 0 : DEFAULT_METRICS[metric].weight);
  const d = DEFAULT_METRICS;
  return {
    completion: { weight: weight('completion') },
    attendance: { weight: weight('attendance') },
    exam: { weight: weight('exam') },
    assignment: {
      weight: weight('assignment'),
      trainerShare: given.assignment?.trainerShare ?? d.assignment.trainerShare,
      minPeerReviews: given.assignment?.minPeerReviews ?? d.assignment.minPeerReviews,
    },
    project: { weight: weight('project'), target: given.project?.target ?? d.project.target },
    practice: { weight: weight('practice'), target: given.practice?.target ?? d.practice.target },
    participation: {
      weight: weight('participation'),
      target: given.participation?.target ?? d.participation.target,
      minChars: given.participation?.minChars ?? d.participation.minChars,
      cooldownSeconds: given.participation?.cooldownSeconds ?? d.participation.cooldownSeconds,
      dailyCap: given.participation?.dailyCap ?? d.participation.dailyCap,
    },
  };
}

/** `metrics: weights must sum to 100, got 95` when they do not; null when they do. */
export function checkWeightSum(metrics: MetricsConfig): string | null {
  const sum = METRIC_NAMES.reduce((total, metric) => total + metrics[metric].weight, 0);
  if (Math.abs(sum - 100) < 1e-9) return null;
  return `metrics: weights must sum to 100, got ${Math.round(sum * 100) / 100}`;
}
