import type { CampConfig, ImprovementAward, MetricName, ValueRef } from '../camp/camp-config.js';
import type { EventType } from '../scoring/event-type.js';
import { METRIC_EVENT_TYPES, SCORED_TYPES } from '../scoring/metric-event-types.js';
import { selectAwards } from '../scoring/select-awards.js';
import type { Learner, Standings } from '../scoring/standings.js';
import { normalizedOf } from '../scoring/value-of.js';
import type { Winner } from '../scoring/winner.js';
import { campStandingsOf, requireCamp, standingsOf } from './camp-standings.js';
import type { Db } from './db.js';

/** Award winners as of a time, with the standings they came from and the warnings a trainer should read. */
export interface AwardsPreview {
  config: CampConfig;
  asOf: number;
  standings: Standings;
  /** The standings as of each improvement award's starting point before `asOf` (what `selectAwards` compared). */
  earlier: ReadonlyMap<number, Standings>;
  winners: Winner[];
  warnings: string[];
}

/** The event types a value depends on (everything for the composite). */
function typesFor(refs: readonly ValueRef[]): Set<EventType> {
  const types = new Set<EventType>(['weights']);
  for (const ref of refs) {
    const metric = ref.startsWith('assignment:') ? 'assignment' : (ref as MetricName | 'composite');
    for (const type of metric === 'composite' ? SCORED_TYPES : METRIC_EVENT_TYPES[metric]) types.add(type);
  }
  return types;
}

/** Standings already at hand as of the preview's time (a cache's), with the roster they were computed for. */
export interface CurrentStandings {
  learners: readonly Learner[];
  standings: Standings;
}

/**
 * Computes every award of the camp as of `asOf` (ms) from the ledger (SPEC §7), from `current` standings when the
 * caller has them as of `asOf`. Improvement awards get the standings as of their starting point, computed from only
 * the events their metric depends on (the only values they read). Nothing is recorded or sent.
 * @example (await previewAwards(store, 'ai-2026q4', Date.now())).winners
 */
export async function previewAwards(db: Db, campId: string, asOf: number, current?: CurrentStandings): Promise<AwardsPreview> {
  const config = await requireCamp(db, campId);
  const { learners, standings } = current ?? (await campStandingsOf(db, config, asOf));
  const earlier = await earlierStandings(db, config, learners, standings);
  const { winners, warnings } = selectAwards({ config, standings, standingsAt: (ms) => earlier.get(ms)! });
  return { config, asOf, standings, earlier, winners, warnings };
}

/** The standings each improvement award starting before `standings.asOf` compares against, by starting time. */
async function earlierStandings(
  db: Db, config: CampConfig, learners: readonly Learner[], standings: Standings,
): Promise<Map<number, Standings>> {
  const improvements = config.awards.filter((a): a is ImprovementAward => a.kind === 'improvement');
  const times = [...new Set(improvements.map((a) => a.improvement.from.atMs))].filter((ms) => ms < standings.asOf);
  const earlier = new Map<number, Standings>();
  for (const ms of times) {
    const awards = improvements.filter((a) => a.improvement.from.atMs === ms);
    const refs = awards.map((a) => a.improvement.metric);
    earlier.set(ms, await standingsOf(db, config, candidatesOf(awards, standings, learners), ms, typesFor(refs)));
  }
  return earlier;
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
