import type { CampConfig } from '../camp/camp-config.js';
import { endOfLocalDayMs, zonedTimeToUtcMs } from '../camp/time-zone.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The camp's span in ms: from midnight of `starts` to the end of `ends`, in the camp zone. */
export interface CampWindow {
  startMs: number;
  endMs: number;
}

export function campWindow(config: Pick<CampConfig, 'starts' | 'ends' | 'timezone'>): CampWindow {
  return {
    startMs: zonedTimeToUtcMs(config.starts, config.timezone),
    endMs: endOfLocalDayMs(config.ends, config.timezone) + 1,
  };
}

/** Elapsed camp days at `at` (0 before the start, the whole camp after the end). */
export function elapsedDays(window: CampWindow, at: number): number {
  return Math.min(Math.max(at - window.startMs, 0), window.endMs - window.startMs) / DAY_MS;
}
