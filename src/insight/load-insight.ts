import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { standingsOf } from '../db/camp-standings.js';
import { previewAwards } from '../db/preview-awards.js';
import { learnersOf, rosterOf, type RosterEntry } from '../db/roster-store.js';
import { currentPublication } from '../delivery/publication-store.js';
import type { Fact } from '../scoring/fact.js';
import type { Standings } from '../scoring/standings.js';
import type { Winner } from '../scoring/winner.js';
import type { CampStatsInput } from './compute-camp-stats.js';
import { loadInsightFacts } from './load-insight-facts.js';

/** Everything insight reads of a camp, loaded once. */
export interface InsightInputs extends CampStatsInput {
  config: CampConfig;
  standings: Standings;
  /** The published winners when the camp has a publication in force, else the current preview's. */
  winners: Winner[];
  winnersSource: 'published' | 'preview';
  roster: RosterEntry[];
  facts: Fact[];
  /** Standings as of another instant (improvement baselines for `suggestNextAction`). */
  standingsAt: (asOf: number) => Standings;
}

/**
 * Loads a camp's config, standings and winners as of `now`, its roster and the facts statistics read.
 * Throws ValidationError for an unknown camp.
 * @example buildStatsReport(loadInsight(sqlite, 'ai-2026q4', Date.now()))
 */
export function loadInsight(sqlite: Sqlite.Database, campId: string, now: number): InsightInputs {
  const preview = previewAwards(sqlite, campId, now);
  const published = currentPublication(sqlite, campId);
  const learners = learnersOf(sqlite, campId);
  return {
    config: preview.config,
    standings: preview.standings,
    winners: published ? published.result.winners : preview.winners,
    winnersSource: published ? 'published' : 'preview',
    roster: rosterOf(sqlite, campId),
    facts: loadInsightFacts(sqlite, campId, now),
    now,
    standingsAt: (asOf) => standingsOf(sqlite, preview.config, learners, asOf),
  };
}
