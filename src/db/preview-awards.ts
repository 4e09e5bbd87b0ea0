import type Sqlite from 'better-sqlite3';
import type { CampConfig, ImprovementAward, ValueRef } from '../camp/camp-config.js';
import { selectAwards } from '../scoring/select-awards.js';
import type { Learner, Standings } from '../scoring/standings.js';
import { normalizedOf } from '../scoring/value-of.js';
import type { Winner } from '../scoring/winner.js';
import { campStandingsOf, requireCamp, standingsOf } from './camp-standings.js';
import type { EventType } from './event-types.js';
import { SCORED_TYPES } from './load-facts.js';

/** Award winners as of a time, with the standings they came from and the warnings a trainer should read. */
export interface AwardsPreview {
  config: CampConfig;
  asOf: number;
  standings: Standings;
  winners: Winner[];
  warnings: string[];
}

const TYPES_OF: Record<string, readonly EventType[]> = {
  completion: ['lesson'],
  attendance: ['session', 'checkin'],
  exam: ['exam'],
  assignment: ['assignment', 'submission', 'grade', 'review'],
  project: ['project'],
  practice: ['practice'],
  participation: ['participation'],
};

/** The event types a value depends on (everything for the composite). */
function typesFor(refs: readonly ValueRef[]): Set<EventType> {
  const types = new Set<EventType>(['weights']);
  for (const ref of refs) {
    const metric = ref.startsWith('assignment:') ? 'assignment' : ref;
    for (const type of TYPES_OF[metric] ?? SCORED_TYPES) types.add(type);
  }
  return types;
}

/**
 * Computes every award of the camp as of `asOf` (ms) from the ledger (SPEC §7). Improvement awards get the standings
 * as of their starting point, computed from only the events their metric depends on (the only values they read).
 * Nothing is recorded or sent.
 * @example previewAwards(sqlite, 'ai-2026q4', Date.now()).winners
 */
export function previewAwards(sqlite: Sqlite.Database, campId: string, asOf: number): AwardsPreview {
  const config = requireCamp(sqlite, campId);
  const { learners, standings } = campStandingsOf(sqlite, config, asOf);
  const standingsAt = (ms: number): Standings => {
    const awards = config.awards.filter((a): a is ImprovementAward => a.kind === 'improvement' && a.improvement.from.atMs === ms);
    if (awards.length === 0) return standingsOf(sqlite, config, learners, ms);
    const refs = awards.map((a) => a.improvement.metric);
    return standingsOf(sqlite, config, candidatesOf(awards, standings, learners), ms, typesFor(refs));
  };
  const { winners, warnings } = selectAwards({ config, standings, standingsAt });
  return { config, asOf, standings, winners, warnings };
}

/** Metrics whose value for a learner depends on that learner's events alone (and camp-wide sessions). */
const PER_LEARNER = new Set<ValueRef>(['completion', 'attendance', 'project', 'practice', 'participation']);

/**
 * Improvement awards read the earlier standings only for learners eligible now who reached `to.min`; for a metric
 * computed per learner, scoring just those learners gives them exactly the same values, much faster.
 */
function candidatesOf(awards: ImprovementAward[], standings: Standings, learners: readonly Learner[]): readonly Learner[] {
  if (!awards.every((a) => PER_LEARNER.has(a.improvement.metric))) return learners;
  const wanted = new Set(standings.rows
    .filter((row) => row.eligible && awards.some((a) => normalizedOf(row, a.improvement.metric) >= a.improvement.to.min))
    .map((row) => row.userid));
  return learners.filter((learner) => wanted.has(learner.userid));
}
