import type { CampConfig } from '../camp/camp-config.js';
import { zonedTimeToUtcMs } from '../camp/time-zone.js';
import { requireCamp } from '../db/camp-standings.js';
import type { Db } from '../db/db.js';
import { UsageError } from '../errors.js';

/** `--at <ISO>` (with an offset, or local in the camp's zone), or now when absent. */
export function parseAt(value: string | true | undefined, timeZone: string, now: number): number {
  if (value === undefined) return now;
  const ms = typeof value === 'string' ? zonedTimeToUtcMs(value.trim(), timeZone) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--at 需要 ISO 时间，例如 2026-12-04T18:00+08:00（got "${String(value)}"）`);
  return ms;
}

/** The camp a command names (a one-line error when it does not exist) and its `--at` instant in ms (now when absent). */
export async function campAt(db: Db, campId: string, at: string | true | undefined): Promise<{ config: CampConfig; asOf: number }> {
  const config = await requireCamp(db, campId);
  return { config, asOf: parseAt(at, config.timezone, Date.now()) };
}
