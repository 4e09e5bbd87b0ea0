import type { MetricName } from '../camp/camp-config.js';
import type { EventType } from './event-type.js';

/**
 * The ledger event types each metric is computed from. A learner's own data points on a metric are the ones of these
 * that carry the learner's userid (`session` and `assignment` are camp-wide: they say which check-ins and
 * submissions count).
 */
export const METRIC_EVENT_TYPES: Readonly<Record<MetricName, readonly EventType[]>> = {
  completion: ['lesson'],
  attendance: ['session', 'checkin'],
  exam: ['exam'],
  assignment: ['assignment', 'submission', 'grade', 'review'],
  project: ['project'],
  practice: ['practice'],
  participation: ['participation'],
};

/** Every event type a standings run reads: the metrics' and the `/weights` changes. */
export const SCORED_TYPES: readonly EventType[] = ['weights', ...new Set(Object.values(METRIC_EVENT_TYPES).flat())];
