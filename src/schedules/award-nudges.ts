import type { CampConfig } from '../camp/camp-config.js';
import { awardCutoffs, reachesCutoff } from '../insight/award-cutoffs.js';
import { labelOf } from '../scoring/metric-labels.js';
import { formatScore, round2 } from '../scoring/round.js';
import type { Standings } from '../scoring/standings.js';
import { valueOf } from '../scoring/value-of.js';

/** Within reach: at most 10% of the cut-off away, and never less than 1 (count metrics move in whole points). */
const REACH_SHARE = 0.1;
const MIN_REACH = 1;

export interface Nudge {
  userid: string;
  text: string;
}

/** The one action that would help a learner most (insight's `suggestNextAction`), as a sentence, or null. */
export type SuggestAction = (userid: string) => string | null;

/**
 * A private nudge for each eligible learner just below a rank award's cut-off (the nearest one, by gap relative to
 * the cut-off), and for each learner projected below every award (`atRisk`), with the one action that would help
 * most. Learners already in an award, or far from every one and not at risk, get nothing.
 */
export function awardNudges(camp: CampConfig, standings: Standings, atRisk: ReadonlySet<string> = new Set(), suggest: SuggestAction = () => null): Nudge[] {
  const cutoffs = awardCutoffs(camp, standings).filter((c) => c.cutoff > 0);
  const nudges: Nudge[] = [];
  for (const row of standings.rows) {
    const advice = (): string | null => {
      const action = suggest(row.userid);
      return action ? `建议：${action}` : null;
    };
    if (!row.eligible) {
      const action = atRisk.has(row.userid) ? advice() : null;
      if (action) nudges.push({ userid: row.userid, text: `📌 ${row.name}，${action}` });
      continue;
    }
    const values = cutoffs.map((c) => ({ c, value: round2(valueOf(row, c.award.rank)) }));
    if (values.some(({ c, value }) => reachesCutoff(value, c))) continue;
    const near = values
      .map(({ c, value }) => ({ c, value, gap: round2(c.cutoff - value) }))
      .filter(({ c, value, gap }) => value > 0 && gap <= Math.max(MIN_REACH, c.cutoff * REACH_SHARE))
      .sort((a, b) => a.gap / a.c.cutoff - b.gap / b.c.cutoff)[0];
    if (!near) {
      const action = atRisk.has(row.userid) ? advice() : null;
      if (action) nudges.push({ userid: row.userid, text: `📌 ${row.name}，${action}` });
      continue;
    }
    const what = labelOf(near.c.award.rank);
    const action = advice();
    nudges.push({
      userid: row.userid,
      text: `💪 ${row.name}，你离「${near.c.award.name}」只差 ${formatScore(near.gap)}！当前${what} ${formatScore(near.value)}，入围线 ${formatScore(near.c.cutoff)}。${action ?? '继续加油～'}`,
    });
  }
  return nudges;
}
