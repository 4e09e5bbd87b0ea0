import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { ValidationError } from '../errors.js';
import { createScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Learner, Standings } from '../scoring/standings.js';
import { loadCamp } from './camp-store.js';
import type { EventType } from './event-types.js';
import { feedCampFacts, loadRevoked } from './load-facts.js';
import { learnersOf } from './roster-store.js';

/** The camp's config, or a one-line ValidationError naming the unknown camp. */
export function requireCamp(sqlite: Sqlite.Database, campId: string): CampConfig {
  const config = loadCamp(sqlite, campId);
  if (!config) throw new ValidationError(`找不到训练营 ${campId}（先运行 camp apply）`);
  return config;
}

/**
 * Standings of a camp whose config and learners are already loaded; with `types`, only the metrics fed by those
 * event types are meaningful.
 */
export function standingsOf(
  sqlite: Sqlite.Database, config: CampConfig, learners: readonly Learner[], asOf: number, types?: ReadonlySet<EventType>,
): Standings {
  const revoked = loadRevoked(sqlite, config.id, asOf);
  const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
  // A short learner list is read through the index by userid; a full roster needs no filter.
  const only = learners.length < 1_000 ? learners.map((l) => l.userid) : undefined;
  feedCampFacts(sqlite, config.id, asOf, revoked, config.lessons, (fact) => accumulator.add(fact), { types, only });
  return accumulator.finish();
}

/**
 * The composite table of a camp as of `asOf` (ms) from the ledger (SPEC §6), every enrolled learner included.
 * Throws ValidationError when the camp does not exist.
 * @example loadCampStandings(sqlite, 'ai-2026q4', Date.now()).rows[0]
 */
export function loadCampStandings(sqlite: Sqlite.Database, campId: string, asOf: number): Standings {
  const config = requireCamp(sqlite, campId);
  return standingsOf(sqlite, config, learnersOf(sqlite, campId), asOf);
}
