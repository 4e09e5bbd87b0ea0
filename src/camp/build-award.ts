import type { AwardRule } from './camp-config.js';
import type { AwardEntry } from './camp-schema.js';
import { endOfLocalDayMs, isIsoDate, zonedTimeToUtcMs } from './time-zone.js';

const KINDS = ['rank', 'team', 'improvement'] as const;

/**
 * Turns one validated `awards[i]` entry into an AwardRule, pushing `awards[i].key: …` lines for rule-level mistakes.
 * An improvement's bare `from.at` date means the end of that day in the camp zone, so that day's events count.
 */
export function buildAward(entry: AwardEntry, index: number, timeZone: string, problems: string[]): AwardRule | null {
  const at = `awards[${index}]`;
  const kinds = KINDS.filter((kind) => entry[kind] !== undefined);
  if (kinds.length !== 1) {
    problems.push(`${at}: ${kinds.length === 0 ? 'expected one of rank, team or improvement' : `use only one of ${kinds.join(', ')}`}`);
    return null;
  }
  const before = problems.length;
  if (entry.tieBreak !== undefined && entry.rank === undefined) problems.push(`${at}.tieBreak: only rank awards take a tie-break`);
  if (entry.improvement === undefined && entry.top === undefined) problems.push(`${at}.top: required`);
  if (entry.improvement !== undefined && entry.top !== undefined) problems.push(`${at}.top: improvement awards take no top`);
  if (problems.length > before) return null;
  const { id, name } = entry;
  if (entry.rank !== undefined && entry.top) {
    return { kind: 'rank', id, name, rank: entry.rank, top: entry.top, tieBreak: entry.tieBreak ?? null };
  }
  if (entry.team !== undefined && entry.top) return { kind: 'team', id, name, team: entry.team, top: entry.top };
  const improvement = entry.improvement;
  if (!improvement) return null;
  const from = improvement.from;
  const atMs = isIsoDate(from.at) ? endOfLocalDayMs(from.at, timeZone) : zonedTimeToUtcMs(from.at, timeZone);
  return {
    kind: 'improvement',
    id,
    name,
    improvement: { metric: improvement.metric, from: { at: from.at, atMs, max: from.max }, to: { min: improvement.to.min } },
  };
}
