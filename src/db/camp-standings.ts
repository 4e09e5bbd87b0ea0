import type { CampConfig } from '../camp/camp-config.js';
import { ValidationError } from '../errors.js';
import { createScoreAccumulator } from '../scoring/score-accumulator.js';
import type { Learner, Standings } from '../scoring/standings.js';
import { loadCamp } from './camp-store.js';
import type { Db } from './db.js';
import type { EventType } from '../scoring/event-type.js';
import { feedCampFacts, loadRevoked, readCampFacts } from './load-facts.js';
import { learnerCount, learnersOf } from './roster-store.js';

/** The camp's config, or a one-line ValidationError naming the unknown camp. */
export async function requireCamp(db: Db, campId: string): Promise<CampConfig> {
  const config = await loadCamp(db, campId);
  if (!config) throw new ValidationError(`找不到训练营 ${campId}（先运行 camp apply）`);
  return config;
}

/**
 * Standings of a camp whose config and learners are already loaded; with `types`, only the metrics fed by those
 * event types are meaningful.
 */
export async function standingsOf(
  db: Db, config: CampConfig, learners: readonly Learner[], asOf: number, types?: ReadonlySet<EventType>,
): Promise<Standings> {
  const revoked = await loadRevoked(db, config.id, asOf);
  const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
  // A short learner list is read through the index by userid; a full roster needs no filter.
  const only = learners.length < 1_000 ? learners.map((l) => l.userid) : undefined;
  await feedCampFacts(db, config.id, asOf, revoked, config.lessons, (fact) => accumulator.add(fact), { types, only });
  return accumulator.finish();
}

/** From this many learners on, a full-camp run reads the big aggregates beside the rest (see `startQueries`). */
export const PARALLEL_MIN_LEARNERS = 5_000;

/**
 * The standings of every enrolled learner of a camp as of `asOf`, with the roster they were computed for. On a big
 * camp the heaviest aggregates run beside this thread (another core or connection) while it loads the roster and
 * reads the rest.
 */
export async function campStandingsOf(db: Db, config: CampConfig, asOf: number): Promise<{ learners: Learner[]; standings: Standings }> {
  if (await learnerCount(db, config.id) < PARALLEL_MIN_LEARNERS) {
    const learners = await learnersOf(db, config.id);
    return { learners, standings: await standingsOf(db, config, learners, asOf) };
  }
  const revoked = await loadRevoked(db, config.id, asOf);
  const feed = await readCampFacts(db, config.id, asOf, revoked, config.lessons, { parallel: true });
  const learners = await learnersOf(db, config.id);
  const accumulator = createScoreAccumulator({ config, learners, asOf, revoked });
  await feed((fact) => accumulator.add(fact));
  return { learners, standings: accumulator.finish() };
}

/**
 * The composite table of a camp as of `asOf` (ms) from the ledger (SPEC §6), every enrolled learner included.
 * Throws ValidationError when the camp does not exist.
 * @example (await loadCampStandings(store, 'ai-2026q4', Date.now())).rows[0]
 */
export async function loadCampStandings(db: Db, campId: string, asOf: number): Promise<Standings> {
  return (await campStandingsOf(db, await requireCamp(db, campId), asOf)).standings;
}
