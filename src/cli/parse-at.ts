import { zonedTimeToUtcMs } from '../camp/time-zone.js';
import { UsageError } from '../errors.js';

/** `--at <ISO>` (with an offset, or local in the camp's zone), or now when absent. */
export function parseAt(value: string | true | undefined, timeZone: string, now: number): number {
  if (value === undefined) return now;
  const ms = typeof value === 'string' ? zonedTimeToUtcMs(value, timeZone) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--at 需要 ISO 时间，例如 2026-12-04T18:00+08:00（got "${String(value)}"）`);
  return ms;
}

/** An instant as ISO 8601 in UTC, the form `--json` prints. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
