import { isMetricName, weightsOf, type CampConfig, type MetricName } from '../camp/camp-config.js';

/**
 * The camp file's weights overridden by a `weights` event's JSON text (`{"exam":40,…}`, as written by `/weights`).
 * Entries that are not a metric with a number from 0 to 100 are ignored.
 */
export function effectiveWeights(config: CampConfig, weightsJson: string | null): Record<MetricName, number> {
  const weights = weightsOf(config.metrics);
  if (weightsJson === null) return weights;
  let parsed: unknown;
  try {
    parsed = JSON.parse(weightsJson);
  } catch {
    return weights;
  }
  if (parsed === null || typeof parsed !== 'object') return weights;
  for (const [key, value] of Object.entries(parsed)) {
    if (isMetricName(key) && typeof value === 'number' && value >= 0 && value <= 100) weights[key] = value;
  }
  return weights;
}
