import { ValidationError } from '../errors.js';
import { isMetricName, METRIC_NAMES, type CampConfig, type MetricName, type MetricsConfig } from './camp-config.js';
import { checkWeightSum } from './build-metrics.js';

/**
 * Applies new weights (the `/weights` command) over the camp's and checks them like the camp file does.
 * Metrics not named keep their weight. Throws ValidationError (`metrics.exam.weight: …`, `metrics: weights must
 * sum to 100, got 95`); returns the camp with the new weights.
 * @example validateWeights({ exam: 40, project: 5 }, camp).metrics.exam.weight // 40
 */
export function validateWeights(weights: Partial<Record<MetricName, number>>, base: CampConfig): CampConfig {
  const problems: string[] = [];
  const metrics = structuredClone(base.metrics) as MetricsConfig;
  for (const [key, value] of Object.entries(weights)) {
    if (!isMetricName(key)) {
      problems.push(`metrics.${key}: unknown metric (expected one of ${METRIC_NAMES.join(', ')})`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      problems.push(`metrics.${key}.weight: expected a number from 0 to 100`);
    } else {
      metrics[key].weight = value;
    }
  }
  const sum = problems.length === 0 ? checkWeightSum(metrics) : null;
  if (sum) problems.push(sum);
  if (problems.length > 0) throw new ValidationError(`invalid weights: ${problems.join('; ')}`, problems);
  return { ...base, metrics };
}
