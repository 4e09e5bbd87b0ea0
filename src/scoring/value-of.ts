import type { CampConfig, ValueRef } from '../camp/camp-config.js';
import type { StandingRow } from './standings.js';

/**
 * What an award ranks a learner by: the composite, a metric's raw value, or `assignment:<tag>` (0 when absent).
 * @example valueOf(row, 'practice') // row.metrics.practice.raw
 */
export function valueOf(row: StandingRow, ref: ValueRef): number {
  if (ref === 'composite') return row.composite;
  return row.metrics[ref]?.raw ?? 0;
}

/** The normalized value n of a metric (the composite for `composite`). */
export function normalizedOf(row: StandingRow, ref: ValueRef): number {
  if (ref === 'composite') return row.composite;
  return row.metrics[ref]?.normalized ?? 0;
}

/** Tags the awards name through `assignment:<tag>`, so standings carry them even before any assignment has one. */
export function tagsOfAwards(config: CampConfig): string[] {
  const refs: ValueRef[] = [];
  for (const award of config.awards) {
    if (award.kind === 'rank') refs.push(award.rank, ...(award.tieBreak ? [award.tieBreak] : []));
    else if (award.kind === 'team') refs.push(award.team);
    else refs.push(award.improvement.metric);
  }
  return refs.filter((ref) => ref.startsWith('assignment:')).map((ref) => ref.slice('assignment:'.length));
}
