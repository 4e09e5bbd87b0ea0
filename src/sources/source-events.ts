import type { NewEvent } from '../db/event-types.js';
import type { Source } from './camp-sources.js';
import type { Participant } from './read-source.js';

/**
 * The events an ended source stands for (SPEC §13), pure: a live → `lesson` for each enrolled learner who watched at
 * least `minWatchMinutes`; a meeting → `checkin` to its session for each enrolled learner present at least
 * `minMinutes`, and the `session` closing at the meeting's end. All happen at the source's end, with source and actor
 * `wecom`. A live's id is the lesson's ref; a meeting's checkins and session keep the session name as ref (attendance
 * counts by it), so the meeting id is in the note. Dedupe keys name camp, source, target and learner: pulling again
 * records nothing new, and a source re-pointed at another lesson or session records there.
 * @example sourceEvents('ai', { kind: 'living', id: 'L1', lesson: 3, minWatchMinutes: 30 }, end, [{ userid: 'u1', seconds: 1800 }], new Set(['u1']))
 */
export function sourceEvents(campId: string, source: Source, endsAt: number, participants: readonly Participant[], learners: ReadonlySet<string>): NewEvent[] {
  const base = { campId, actor: 'wecom', source: 'wecom' as const, happenedAt: endsAt };
  const key = `wecom:${campId}:${source.kind}:${source.id}`;
  const minSeconds = 60 * (source.kind === 'living' ? source.minWatchMinutes : source.minMinutes);
  const counted = longestPerLearner(participants, learners).filter((p) => p.seconds >= minSeconds);
  if (source.kind === 'living') {
    return counted.map((p) => ({
      ...base, type: 'lesson', userid: p.userid, num: source.lesson, ref: source.id,
      note: `直播 ${source.id} 观看 ${minutesOf(p.seconds)} 分钟`, dedupeKey: `${key}:lesson:${source.lesson}:${p.userid}`,
    }));
  }
  const checkins: NewEvent[] = counted.map((p) => ({
    ...base, type: 'checkin', userid: p.userid, ref: source.session,
    note: `会议 ${source.id} 在会 ${minutesOf(p.seconds)} 分钟`, dedupeKey: `${key}:checkin:${source.session}:${p.userid}`,
  }));
  const closing: NewEvent = { ...base, type: 'session', ref: source.session, note: `会议 ${source.id}`, dedupeKey: `${key}:session:${source.session}` };
  return [...checkins, closing];
}

/** Enrolled learners only, each once (WeCom lists a member once, but a repeat must not record twice), by userid. */
function longestPerLearner(participants: readonly Participant[], learners: ReadonlySet<string>): Participant[] {
  const best = new Map<string, number>();
  for (const { userid, seconds } of participants) {
    if (learners.has(userid)) best.set(userid, Math.max(seconds, best.get(userid) ?? 0));
  }
  return [...best].map(([userid, seconds]) => ({ userid, seconds })).sort((a, b) => (a.userid < b.userid ? -1 : a.userid > b.userid ? 1 : 0));
}

const minutesOf = (seconds: number): string => (seconds / 60).toFixed(2);
