import type { CampConfig } from '../camp/camp-config.js';
import { localDateOf } from '../camp/time-zone.js';
import { loadCampStandings, requireCamp } from '../db/camp-standings.js';
import { chatsOfCamp } from '../db/camp-store.js';
import type { Db } from '../db/db.js';
import { previewAwards } from '../db/preview-awards.js';
import { currentPublication } from '../db/publication-store.js';
import { loadInsightFacts } from '../db/insight-facts.js';
import { learnersOf } from '../db/roster-store.js';
import { isSlotDone, type ScheduleJob } from '../db/schedule-runs.js';
import { atRiskLearners } from '../insight/at-risk-learners.js';
import { improvementBaselines } from '../insight/improvement-baselines.js';
import { projectStandings } from '../insight/project-standings.js';
import { suggestNextAction } from '../insight/suggest-next-action.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import { publishAwards, type PublishDeps } from '../publication/publish-awards.js';
import { sendPreviewToTrainers } from '../publication/send-preview-to-trainers.js';
import type { Standings } from '../scoring/standings.js';
import { awardNudges, type SuggestAction } from './award-nudges.js';
import { runClaimedSlot, type SlotOutcome } from './claim-slot.js';
import { leaderboardMarkdown } from './leaderboard-post.js';

/** What the scheduled jobs need; `instanceId` names this process in `schedule_runs.claimed_by`. */
export interface ScheduleDeps extends PublishDeps {
  instanceId: string;
  now?: () => number;
  log?: (line: string) => void;
}

const DAY_MS = 86_400_000;

function atRiskIds(camp: CampConfig, standings: Standings): Set<string> {
  return new Set(atRiskLearners(camp, standings, projectStandings(camp, standings)).map((learner) => learner.userid));
}

/** Advice worth a private message: a few lessons, submissions or points, not a distant target. */
const MAX_NUDGE_UNITS = 3;

/** Everything the nudges' advice reads, loaded up front (the advice itself is pure). */
async function suggestionsFor(db: Db, camp: CampConfig, standings: Standings, now: number): Promise<SuggestAction> {
  const facts = await loadInsightFacts(db, camp.id, now);
  const baselines = await improvementBaselines(db, camp, await learnersOf(db, camp.id), standings);
  return (userid) => {
    const action = suggestNextAction({ config: camp, standings, userid, facts, standingsAt: (ms) => baselines.get(ms) ?? standings });
    return action && action.units <= MAX_NUDGE_UNITS ? action.text : null;
  };
}

/**
 * The daily leaderboard for one slot, run once however often it is fired: the top 10 and biggest movers since the
 * same time yesterday to every bound chat, and a private nudge to each learner within reach of an award. Only on the
 * camp's days (`starts`…`ends`); a daily cron would otherwise post forever. The standings are read before the slot's
 * short transaction, which only claims the slot and queues the posts.
 * @example await runLeaderboard(deps, 'ai-2026q4', '2026-11-20T20:00')
 */
export async function runLeaderboard(deps: ScheduleDeps, campId: string, slot: string): Promise<SlotOutcome> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  if (await isSlotDone(db, { campId, job: 'leaderboard', slot })) return { ran: false, reason: 'claimed' };
  const camp = await requireCamp(db, campId);
  const day = slot.slice(0, 10);
  const inSession = day >= camp.starts && day <= camp.ends;
  const standings = inSession ? await loadCampStandings(db, campId, now) : null;
  const content = standings ? leaderboardMarkdown(camp.name, localDateOf(now, camp.timezone), standings, await loadCampStandings(db, campId, now - DAY_MS)) : null;
  const nudges = standings ? awardNudges(camp, standings, atRiskIds(camp, standings), await suggestionsFor(db, camp, standings, now)) : [];
  return runClaimedSlot(db, { campId, job: 'leaderboard', slot }, deps.instanceId, now, async (tx) => {
    if (!content) return `camp not in session on ${day}`;
    const key = (what: string): string => `leaderboard:${campId}:${slot}:${what}`;
    let chats = 0;
    for (const chat of await chatsOfCamp(tx, campId)) {
      if (!chat.webhookUrl) continue;
      const payload = { webhookUrl: chat.webhookUrl, chatid: chat.chatId, message: { msgtype: 'markdown' as const, content } };
      await enqueueOutbound(tx, { campId, kind: 'webhook', payload, dedupeKey: key(`chat:${chat.chatId}`) }, now);
      chats += 1;
    }
    for (const nudge of nudges) {
      const payload = { touser: [nudge.userid], message: { msgtype: 'text' as const, content: nudge.text } };
      await enqueueOutbound(tx, { campId, kind: 'app', payload, dedupeKey: key(`nudge:${nudge.userid}`) }, now);
    }
    return `leaderboard to ${chats} chats, ${nudges.length} nudges`;
  });
}

/** The award preview for one slot: the draft with warnings to the trainers only. */
export async function runPreview(deps: ScheduleDeps, campId: string, slot: string): Promise<SlotOutcome> {
  const { db } = deps;
  const now = (deps.now ?? Date.now)();
  if (await isSlotDone(db, { campId, job: 'preview', slot })) return { ran: false, reason: 'claimed' };
  const preview = await previewAwards(db, campId, now);
  return runClaimedSlot(db, { campId, job: 'preview', slot }, deps.instanceId, now, async (tx) => {
    const sent = await sendPreviewToTrainers(tx, preview, `preview:${campId}:${slot}`, now);
    return sent === 0 ? 'no trainers to send the preview to' : `preview to ${sent} trainers`;
  });
}

/** The scheduled publish: publishes unless the camp was published already (by a trainer, say). */
export function runPublish(deps: ScheduleDeps, campId: string, slot: string): Promise<SlotOutcome> {
  const now = (deps.now ?? Date.now)();
  return runClaimedSlot(deps.db, { campId, job: 'publish', slot }, deps.instanceId, now, async (tx) => {
    const existing = await currentPublication(tx, campId);
    if (existing) return `already published (#${existing.id})`;
    const outcome = await publishAwards({ ...deps, db: tx }, campId, { by: 'schedule', now });
    return `published #${outcome.publicationId} with ${outcome.result.winners.length} winners`;
  });
}

export type JobRunner = (deps: ScheduleDeps, campId: string, slot: string) => Promise<SlotOutcome>;

export const JOBS: Record<ScheduleJob, JobRunner> = { leaderboard: runLeaderboard, preview: runPreview, publish: runPublish };

/** True when the camp has a publication in force (the publish catch-up then has nothing to do). */
export async function isPublished(db: Db, campId: string): Promise<boolean> {
  return (await currentPublication(db, campId)) !== null;
}
