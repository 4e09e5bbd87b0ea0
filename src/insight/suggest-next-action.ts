import type { CampConfig, ImprovementAward } from '../camp/camp-config.js';
import type { Fact } from '../scoring/fact.js';
import { round2 } from '../scoring/round.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import { compositeOptions, metricOptions, normalizedOptions, unitsToClose, type ActionKind, type ActionOption } from './action-options.js';
import { awardCutoffs, reachesCutoff } from './award-cutoffs.js';
import { rowOf } from './standings-index.js';
import { topLabel } from './value-labels.js';
import { valueOf } from '../scoring/value-of.js';

/** The one action that would help a learner most, with the sentence the nudge shows. */
export interface NextAction {
  /** The award it leads to; null when it earns eligibility. */
  award: string | null;
  kind: ActionKind;
  units: number;
  text: string;
}

export interface NextActionInput {
  config: CampConfig;
  standings: Standings;
  userid: string;
  /** The camp's facts (needed to suggest missing submissions; without them submissions are not considered). */
  facts?: readonly Fact[];
  /** Standings as of another time, for improvement awards' baselines; without it they are skipped. */
  standingsAt?: (asOf: number) => Standings;
}

const DOING: Record<ActionKind, (n: number) => string> = {
  lesson: (n) => `完成 ${n} 节课`,
  submission: (n) => `提交 ${n} 次作业`,
  project: (n) => `获得 ${n} 分项目分`,
  practice: (n) => `分享 ${n} 个实践案例`,
  participation: (n) => `在群里参与讨论 ${n} 次`,
};

const MISSING: Record<ActionKind, (n: number) => string> = {
  lesson: (n) => `${n} 节课`,
  submission: (n) => `${n} 次作业`,
  project: (n) => `${n} 分项目分`,
  practice: (n) => `${n} 个实践案例`,
  participation: (n) => `${n} 次群内发言`,
};

type Candidate = Omit<NextAction, 'text'> & { say: (kind: ActionKind, units: number) => string };

/** The cheapest option closing `gap`, as a candidate. */
function cheapest(options: ActionOption[], gap: number, award: string | null, say: Candidate['say']): Candidate | null {
  let best: Candidate | null = null;
  for (const option of options) {
    const units = unitsToClose(option, gap);
    if (units !== null && (!best || units < best.units)) best = { award, kind: option.kind, units, say };
  }
  return best;
}

/**
 * The single action that would help a learner most: the fewest units (lessons, submissions, points) that reach an
 * award they do not hold yet — a rank award's current cut-off, or an improvement award's target — or, for a learner
 * not yet eligible, the lessons that make them eligible. Null when nothing countable would help.
 * @example suggestNextAction({ config, standings, userid: 'u7', facts })?.text // '再提交 1 次作业可进入全能优秀学员奖前 10%'
 */
export function suggestNextAction(input: NextActionInput): NextAction | null {
  const row = rowOf(input.standings, input.userid);
  if (!row) return null;
  const eligibility = eligibilityGap(input.config, row);
  if (eligibility) return finish(eligibility);
  // Still not eligible with enough lessons: attendance is what is missing, and no countable action fixes that.
  if (!row.eligible && row.composite > 0) return null;
  const candidates = [...rankCandidates(input, row), ...improvementCandidates(input, row)];
  const best = candidates.reduce<Candidate | null>((a, c) => (!a || c.units < a.units ? c : a), null);
  return best ? finish(best) : null;
}

function finish(candidate: Candidate): NextAction {
  const { say, ...action } = candidate;
  return { ...action, text: say(action.kind, action.units) };
}

function eligibilityGap(config: CampConfig, row: StandingRow): Candidate | null {
  const completion = row.metrics.completion?.normalized ?? 0;
  if (completion >= config.eligibility.minCompletion) return null;
  const say = (kind: ActionKind, n: number): string => `再${DOING[kind](n)}即可获得评奖资格`;
  return cheapest(normalizedOptions(config, row, 'completion'), config.eligibility.minCompletion - completion, null, say);
}

function rankCandidates(input: NextActionInput, row: StandingRow): Candidate[] {
  const candidates: Candidate[] = [];
  for (const cutoff of awardCutoffs(input.config, input.standings)) {
    const { award } = cutoff;
    const value = valueOf(row, award.rank);
    if (row.eligible && reachesCutoff(value, cutoff)) continue;
    const options = award.rank === 'composite'
      ? compositeOptions(input.config, input.standings, row, input.facts)
      : metricOptions(input.config, row, award.rank);
    const say = (kind: ActionKind, n: number): string => `再${DOING[kind](n)}可进入${award.name}${topLabel(award.top)}`;
    const found = cheapest(options, round2(cutoff.cutoff - value), award.id, say);
    if (found) candidates.push(found);
  }
  return candidates;
}

function improvementCandidates(input: NextActionInput, row: StandingRow): Candidate[] {
  const { standingsAt, standings } = input;
  if (!standingsAt) return [];
  const candidates: Candidate[] = [];
  for (const award of input.config.awards) {
    // Before the baseline time, raising the metric could lift a learner above `from.max`: never nudge that.
    if (award.kind !== 'improvement' || standings.asOf < award.improvement.from.atMs) continue;
    const found = improvementCandidate(award, row, standingsAt(award.improvement.from.atMs), input.config);
    if (found) candidates.push(found);
  }
  return candidates;
}

function improvementCandidate(award: ImprovementAward, row: StandingRow, baseline: Standings, config: CampConfig): Candidate | null {
  const { metric, from, to } = award.improvement;
  const before = rowOf(baseline, row.userid)?.metrics[metric]?.normalized ?? 0;
  const now = row.metrics[metric]?.normalized ?? 0;
  if (before > from.max || now >= to.min) return null;
  const say = (kind: ActionKind, n: number): string => `还差 ${MISSING[kind](n)}即可满足${award.name}`;
  return cheapest(normalizedOptions(config, row, metric), round2(to.min - now), award.id, say);
}
