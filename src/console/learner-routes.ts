import type { RankAward } from '../camp/camp-config.js';
import { awardGaps } from '../commands/award-gap.js';
import { eligibilityGaps } from '../commands/eligibility-gaps.js';
import type { Db } from '../db/db.js';
import { listEvents } from '../db/list-events.js';
import { loadCampWideFacts, loadFactsForLearner, loadRevoked } from '../db/load-facts.js';
import { learnersOf } from '../db/roster-store.js';
import { strengthOf } from '../insight/strength-of.js';
import { eventRowJson } from '../report/event-row-json.js';
import { isoOf } from '../report/iso-of.js';
import { explainLearner } from '../scoring/explain-learner.js';
import { labelOf, METRIC_LABELS } from '../scoring/metric-labels.js';
import type { StandingRow } from '../scoring/standings.js';
import type { CampRequest, ConsoleApi } from './api-router.js';
import type { EventRow, LearnerInsight, LearnerMeResponse } from './api-types.js';
import type { ConsoleDeps } from './console-deps.js';
import { ApiRefusal } from '../errors.js';

/** A learner's own view: `GET …/me` (contract) and `…/me/insight`, what `/me` and `/why` say in chat. */
export function learnerRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/me', ['learner'], async (req): Promise<LearnerMeResponse> => {
    const { userid, name, team, rank, composite, metrics } = await ownRow(deps, req);
    return { userid, name, team, rank, composite, metrics, events: await ownEvents(deps.store, req) };
  });

  api.camp('get', '/me/insight', ['learner'], async (req): Promise<LearnerInsight> => {
    const standings = await deps.standings(deps.store, req.campId, req.now);
    const row = await ownRow(deps, req);
    const learners = await learnersOf(deps.store, req.campId);
    const facts = [
      ...(await loadFactsForLearner(deps.store, req.campId, req.userid, req.now)),
      ...(await loadCampWideFacts(deps.store, req.campId, req.userid, req.now)),
    ];
    const learner = learners.find((l) => l.userid === req.userid)!;
    const explanation = explainLearner({ config: req.camp, learner, learners, facts, asOf: req.now });
    const rankAwards = req.camp.awards.filter((a): a is RankAward => a.kind === 'rank');
    const strength = strengthOf(standings, req.userid, req.camp);
    return {
      asOf: isoOf(req.now),
      learners: standings.rows.length,
      eligible: row.eligible,
      eligibilityMissing: eligibilityGaps(req.camp, row),
      gaps: awardGaps(standings, row, rankAwards).map((g) => ({
        award: g.award.id, awardName: g.award.name, valueLabel: labelOf(g.award.rank), winning: g.winning, gap: g.gap, cutoff: g.cutoffValue,
      })),
      strength: strength && { metric: strength.metric, label: strength.label, normalized: strength.normalized, topPercent: strength.topPercent },
      metrics: explanation.metrics.map((m) => ({
        metric: m.metric, label: METRIC_LABELS[m.metric], weight: m.weight, assessed: m.assessed, raw: m.raw, normalized: m.normalized,
        events: m.facts.map((f) => ({ event: f.id, counted: f.counted, note: f.note })),
      })),
    };
  });
}

/** The caller's standings row as of now. */
export async function ownRow(deps: ConsoleDeps, req: CampRequest): Promise<StandingRow> {
  const standings = await deps.standings(deps.store, req.campId, req.now);
  const row = standings.rows.find((candidate) => candidate.userid === req.userid);
  if (!row) throw new ApiRefusal(403, '你不是这个营的学员');
  return row;
}

/** The caller's events, oldest first, revoked ones flagged; who reviewed them stays hidden, as in `/why`. */
async function ownEvents(db: Db, req: CampRequest): Promise<EventRow[]> {
  const revoked = await loadRevoked(db, req.campId, req.now);
  const events = await listEvents(db, { campId: req.campId, userid: req.userid });
  return events.map((event) => {
    const row = eventRowJson(event, revoked.has(event.id));
    return event.type === 'review' && event.actor !== req.userid ? { ...row, actor: PEER } : row;
  });
}

/** The actor shown to a learner for a classmate's review of their work. */
export const PEER = 'peer';
