import type { Db } from '../db/db.js';
import { listEvents } from '../db/list-events.js';
import { loadCampWideFacts, loadFactsForLearner, loadRevoked } from '../db/load-facts.js';
import { learnersOf } from '../db/roster-store.js';
import { explainLearner } from '../scoring/explain-learner.js';
import type { StandingRow, Standings } from '../scoring/standings.js';
import type { CampRequest, ConsoleApi } from './api-router.js';
import type { EventRow, LearnerInsight, LearnerMeResponse } from './api-types.js';
import { eventJson } from '../report/event-json.js';
import { learnerInsight } from './learner-insight.js';
import { ApiRefusal } from '../errors.js';

/** A learner's own view: `GET …/me` (contract) and `…/me/insight`, what `/me` and `/why` say in chat. */
export function learnerRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/me', ['learner'], async (req): Promise<LearnerMeResponse> => {
    const { userid, name, team, rank, composite, metrics } = ownRow(await deps.standings(deps.store, req.campId, req.now), req.userid);
    return { userid, name, team, rank, composite, metrics, events: await ownEvents(deps.store, req) };
  });

  api.camp('get', '/me/insight', ['learner'], async (req): Promise<LearnerInsight> => {
    const standings = await deps.standings(deps.store, req.campId, req.now);
    const row = ownRow(standings, req.userid);
    const learners = await learnersOf(deps.store, req.campId);
    const facts = [
      ...(await loadFactsForLearner(deps.store, req.campId, req.userid, req.now)),
      ...(await loadCampWideFacts(deps.store, req.campId, req.userid, req.now)),
    ];
    const learner = learners.find((l) => l.userid === req.userid)!;
    return learnerInsight(req.camp, standings, row, explainLearner({ config: req.camp, learner, learners, facts, asOf: req.now }));
  });
}

/** The caller's row of the standings. */
function ownRow(standings: Standings, userid: string): StandingRow {
  const row = standings.rows.find((candidate) => candidate.userid === userid);
  if (!row) throw new ApiRefusal(403, '你不是这个营的学员');
  return row;
}

/** The caller's events, oldest first, revoked ones flagged; who reviewed them stays hidden, as in `/why`. */
async function ownEvents(db: Db, req: CampRequest): Promise<EventRow[]> {
  const revoked = await loadRevoked(db, req.campId, req.now);
  const events = await listEvents(db, { campId: req.campId, userid: req.userid });
  return events.map((event) => {
    const row = eventJson(event, revoked);
    return event.type === 'review' && event.actor !== req.userid ? { ...row, actor: PEER } : row;
  });
}

/** The actor shown to a learner for a classmate's review of their work. */
export const PEER = 'peer';
