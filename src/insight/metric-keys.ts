import { METRIC_NAMES } from '../camp/camp-config.js';
import type { Standings } from '../scoring/standings.js';

/** Every metric of the table, then `assignment:<tag>` for each tag, in display order. */
export function metricKeysOf(standings: Pick<Standings, 'tags'>): string[] {
  return [...METRIC_NAMES, ...standings.tags.map((tag) => `assignment:${tag}`)];
}
