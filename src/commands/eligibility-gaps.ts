import type { CampConfig } from '../camp/camp-config.js';
import { formatScore } from '../scoring/round.js';
import type { StandingRow } from '../scoring/standings.js';

/**
 * Why a learner is not eligible for awards (SPEC §7), one short line each; empty when eligible.
 * @example eligibilityGaps(camp, row) // ['完课 40.00 < 60']
 */
export function eligibilityGaps(camp: Pick<CampConfig, 'eligibility'>, row: StandingRow): string[] {
  if (row.eligible) return [];
  const { minCompletion, minAttendance } = camp.eligibility;
  const missing: string[] = [];
  if (row.composite <= 0) missing.push('综合分需大于 0');
  const completion = row.metrics.completion?.normalized ?? 0;
  if (completion < minCompletion) missing.push(`完课 ${formatScore(completion)} < ${minCompletion}`);
  const attendance = row.metrics.attendance?.normalized ?? 0;
  if (attendance < minAttendance) missing.push(`出勤 ${formatScore(attendance)} < ${minAttendance}`);
  return missing.length > 0 ? missing : ['未达要求'];
}
