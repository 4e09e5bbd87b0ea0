import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { ValidationError } from '../errors.js';
import { createScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Learner, Standings } from '../scoring/standings.js';
import { loadCamp } from './camp-store.js';
import type { EventType } from './event-types.js';
import { feedCampFacts, loadRevoked, readCampFacts } from './load-facts.js';
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

/** From this many learners on, a full-camp run reads the big aggregates on a second thread. */
export const PARALLEL_MIN_LEARNERS = 5_000;

/**
 * The standings of every enrolled learner of a camp as of `asOf`, with the roster they were computed for. On a big
 * camp in a file database (read outside a transaction), a worker thread runs the heaviest aggregates on the other
 * core while this thread loads the roster and reads the rest.
 */
export function campStandingsOf(sqlite: Sqlite.Database, config: CampConfig, asOf: number): { learners: Learner[]; standings: Standings } {
  const canFork = !sqlite.memory && !sqlite.inTransaction;
  if (!canFork || enrolledCount(sqlite, config.id) < PARALLEL_MIN_LEARNERS) {
    const learners = learnersOf(sqlite, config.id);
    return { learners, standings: standingsOf(sqlite, config, learners, asOf) };
  }
  const revoked = loadRevoked(sqlite, config.id, asOf);
  const feed = readCampFacts(sqlite, config.id, asOf, revoked, config.lessons, { parallel: true });
  const learners = learnersOf(sqlite, config.id);
  const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
  feed((fact) => accumulator.add(fact));
  return { learners, standings: accumulator.finish() };
}

function enrolledCount(sqlite: Sqlite.Database, campId: string): number {
  return sqlite.prepare<[string], number>(`SELECT count(*) FROM members WHERE camp_id = ? AND role = 'learner'`).pluck().get(campId) ?? 0;
}

/**
 * The composite table of a camp as of `asOf` (ms) from the ledger (SPEC §6), every enrolled learner included.
 * Throws ValidationError when the camp does not exist.
 * @example loadCampStandings(sqlite, 'ai-2026q4', Date.now()).rows[0]
 */
export function loadCampStandings(sqlite: Sqlite.Database, campId: string, asOf: number): Standings {
  return campStandingsOf(sqlite, requireCamp(sqlite, campId), asOf).standings;
}
