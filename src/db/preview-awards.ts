import type Sqlite from 'better-sqlite3';
import type { CampConfig, ValueRef } from '../camp/camp-config.js';
import { selectAwards } from '../scoring/select-awards.js';
import type { Standings } from '../scoring/standings.js';
import type { Winner } from '../scoring/winner.js';
import { requireCamp, standingsOf } from './camp-standings.js';
import type { EventType } from './event-types.js';
import { SCORED_TYPES } from './load-facts.js';
import { learnersOf } from './roster-store.js';

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
  const learners = learnersOf(sqlite, campId);
  const standings = standingsOf(sqlite, config, learners, asOf);
  const standingsAt = (ms: number): Standings => {
    const refs = config.awards.flatMap((a) => (a.kind === 'improvement' && a.improvement.from.atMs === ms ? [a.improvement.metric] : []));
    return standingsOf(sqlite, config, learners, ms, refs.length > 0 ? typesFor(refs) : undefined);
  };
  const { winners, warnings } = selectAwards({ config, standings, standingsAt });
  return { config, asOf, standings, winners, warnings };
}
