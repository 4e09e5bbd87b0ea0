import type Sqlite from 'better-sqlite3';
import { requireCamp, loadCampStandings } from '../db/camp-standings.js';
import { chatsOfCamp } from '../db/camp-store.js';
import { previewAwards } from '../db/preview-awards.js';
import { localDateOf } from '../camp/time-zone.js';
import type { CampConfig } from '../camp/camp-config.js';
import { atRiskLearners } from '../insight/at-risk-learners.js';
import { loadInsightFacts } from '../insight/load-insight-facts.js';
import { projectStandings } from '../insight/project-standings.js';
import { suggestNextAction } from '../insight/suggest-next-action.js';
import type { Standings } from '../scoring/standings.js';
import { awardNudges, type SuggestAction } from './award-nudges.js';
import { sendPreviewToTrainers } from './send-preview-to-trainers.js';
import type { ScheduleJob } from '../db/schedule-runs.js';
import { runClaimedSlot, type SlotOutcome } from './claim-slot.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { leaderboardMarkdown } from './leaderboard-post.js';
import { currentPublication } from './publication-store.js';
import { publishAwards, type PublishDeps } from './publish-awards.js';

/** What the scheduled jobs need; `instanceId` names this process in `schedule_runs.claimed_by`. */
export interface ScheduleDeps extends PublishDeps {
  instanceId: string;
  now?: () => number;
  log?: (line: string) => void;
}

const DAY_MS = 86_400_000;

function claimed(deps: ScheduleDeps, campId: string, job: ScheduleJob, slot: string, work: (now: number) => string): SlotOutcome {
  const now = (deps.now ?? Date.now)();
  return runClaimedSlot(deps.sqlite, { campId, job, slot }, deps.instanceId, now, () => work(now));
}

function atRiskIds(camp: CampConfig, standings: Standings): Set<string> {
  return new Set(atRiskLearners(camp, standings, projectStandings(camp, standings)).map((learner) => learner.userid));
}

/** Advice worth a private message: a few lessons, submissions or points, not a distant target. */
const MAX_NUDGE_UNITS = 3;

/** Facts are read once, and only when a nudge asks for advice. */
function suggestionsFor(sqlite: Sqlite.Database, camp: CampConfig, standings: Standings, now: number): SuggestAction {
  let facts: ReturnType<typeof loadInsightFacts> | undefined;
  const standingsAt = (ms: number): Standings => loadCampStandings(sqlite, camp.id, ms);
  return (userid) => {
    facts ??= loadInsightFacts(sqlite, camp.id, now);
    const action = suggestNextAction({ config: camp, standings, userid, facts, standingsAt });
    return action && action.units <= MAX_NUDGE_UNITS ? action.text : null;
  };
}

/**
 * The daily leaderboard for one slot, run once however often it is fired: the top 10 and biggest movers since the
 * same time yesterday to every bound chat, and a private nudge to each learner within reach of an award. Only on the
 * camp's days (`starts`…`ends`); a daily cron would otherwise post forever.
 * @example runLeaderboard(deps, 'ai-2026q4', '2026-11-20T20:00')
 */
export function runLeaderboard(deps: ScheduleDeps, campId: string, slot: string): SlotOutcome {
  return claimed(deps, campId, 'leaderboard', slot, (now) => {
    const { sqlite } = deps;
    const camp = requireCamp(sqlite, campId);
    const day = slot.slice(0, 10);
    if (day < camp.starts || day > camp.ends) return `camp not in session on ${day}`;
    const today = localDateOf(now, camp.timezone);
    const standings = loadCampStandings(sqlite, campId, now);
    const content = leaderboardMarkdown(camp.name, today, standings, loadCampStandings(sqlite, campId, now - DAY_MS));
    const key = (what: string): string => `leaderboard:${campId}:${slot}:${what}`;
    let chats = 0;
    for (const chat of chatsOfCamp(sqlite, campId)) {
      if (!chat.webhookUrl) continue;
      const payload = { webhookUrl: chat.webhookUrl, chatid: chat.chatId, message: { msgtype: 'markdown' as const, content } };
      enqueueOutbound(sqlite, { campId, kind: 'webhook', payload, dedupeKey: key(`chat:${chat.chatId}`) }, now);
      chats += 1;
    }
    const nudges = awardNudges(camp, standings, atRiskIds(camp, standings), suggestionsFor(sqlite, camp, standings, now));
    for (const nudge of nudges) {
      const payload = { touser: [nudge.userid], message: { msgtype: 'text' as const, content: nudge.text } };
      enqueueOutbound(sqlite, { campId, kind: 'app', payload, dedupeKey: key(`nudge:${nudge.userid}`) }, now);
    }
    return `leaderboard to ${chats} chats, ${nudges.length} nudges`;
  });
}

/** The award preview for one slot: the draft with warnings to the trainers only. */
export function runPreview(deps: ScheduleDeps, campId: string, slot: string): SlotOutcome {
  return claimed(deps, campId, 'preview', slot, (now) => {
    const sent = sendPreviewToTrainers(deps.sqlite, previewAwards(deps.sqlite, campId, now), `preview:${campId}:${slot}`, now);
    if (sent === 0) return 'no trainers to send the preview to';
    return `preview to ${sent} trainers`;
  });
}

/** The scheduled publish: publishes unless the camp was published already (by a trainer, say). */
export function runPublish(deps: ScheduleDeps, campId: string, slot: string): SlotOutcome {
  return claimed(deps, campId, 'publish', slot, (now) => {
    const existing = currentPublication(deps.sqlite, campId);
    if (existing) return `already published (#${existing.id})`;
    const outcome = publishAwards(deps, campId, { by: 'schedule', now });
    return `published #${outcome.publicationId} with ${outcome.result.winners.length} winners`;
  });
}

export type JobRunner = (deps: ScheduleDeps, campId: string, slot: string) => SlotOutcome;

export const JOBS: Record<ScheduleJob, JobRunner> = { leaderboard: runLeaderboard, preview: runPreview, publish: runPublish };

/** True when the camp has a publication in force (the publish catch-up then has nothing to do). */
export function isPublished(sqlite: Sqlite.Database, campId: string): boolean {
  return currentPublication(sqlite, campId) !== null;
}
