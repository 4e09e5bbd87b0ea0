import type { CampConfig } from '../camp/camp-config.js';
import type { Db } from '../db/db.js';
import { previewAwards } from '../db/preview-awards.js';
import { learnersOf, rosterOf, type RosterEntry } from '../db/roster-store.js';
import { currentPublication } from '../db/publication-store.js';
import type { Fact } from '../scoring/fact.js';
import type { Standings } from '../scoring/standings.js';
import type { Winner } from '../scoring/winner.js';
import type { CampStatsInput } from './compute-camp-stats.js';
import { improvementBaselines } from './improvement-baselines.js';
import { loadInsightFacts } from '../db/insight-facts.js';

/** Everything insight reads of a camp, loaded once. */
export interface InsightInputs extends CampStatsInput {
  config: CampConfig;
  standings: Standings;
  /** The published winners when the camp has a publication in force, else the current preview's. */
  winners: Winner[];
  winnersSource: 'published' | 'preview';
  roster: RosterEntry[];
  facts: Fact[];
  /** Standings of every learner as of an improvement award's starting point (baselines for `suggestNextAction`). */
  standingsAt: (asOf: number) => Standings;
}

/**
 * Loads a camp's config, standings and winners as of `now`, its roster and the facts statistics read.
 * Throws ValidationError for an unknown camp.
 * @example buildStatsReport(await loadInsight(store, 'ai-2026q4', Date.now()))
 */
export async function loadInsight(db: Db, campId: string, now: number): Promise<InsightInputs> {
  const preview = await previewAwards(db, campId, now);
  const published = await currentPublication(db, campId);
  const learners = await learnersOf(db, campId);
  const baselines = await improvementBaselines(db, preview.config, learners, preview.standings);
  return {
    config: preview.config,
    standings: preview.standings,
    winners: published ? published.result.winners : preview.winners,
    winnersSource: published ? 'published' : 'preview',
    roster: await rosterOf(db, campId),
    facts: await loadInsightFacts(db, campId, now),
    now,
    standingsAt: (asOf) => baselines.get(asOf) ?? preview.standings,
  };
}

