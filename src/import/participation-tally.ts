import { localDateOf } from '../camp/time-zone.js';
import { upperBound } from '../db/participation-state.js';
import type { ParticipationState } from '../scoring/participation-rule.js';

// Every zone's offset is a whole number of quarter hours, so the local date is the same across a UTC quarter hour.
const QUARTER_HOUR = 900_000;

/**
 * The counted chat messages of some learners, held in memory while an import decides many messages at once: a
 * message's state costs a binary search and two map lookups, however long the history.
 * @example const tally = new ParticipationTally('Asia/Shanghai', countedTimes); tally.stateAt('u1', at); tally.add('u1', at)
 */
export class ParticipationTally {
  private readonly times = new Map<string, number[]>();
  private readonly countedOnDay = new Map<string, number>();
  private readonly dayOfQuarter = new Map<number, string>();

  /** `history`: each learner's counted message times so far. */
  constructor(private readonly timeZone: string, history: ReadonlyMap<string, readonly number[]>) {
    for (const [userid, times] of history) for (const at of times) this.add(userid, at);
  }

  /** The rule's state for a message of `userid` at `at`: the latest counted time at or before it, and that day's count. */
  stateAt(userid: string, at: number): ParticipationState {
    const times = this.times.get(userid) ?? [];
    const before = upperBound(times, at);
    return {
      lastCountedAt: before > 0 ? times[before - 1]! : null,
      countedToday: this.countedOnDay.get(this.dayKey(userid, at)) ?? 0,
    };
  }

  /** Records a counted message of `userid` at `at`. */
  add(userid: string, at: number): void {
    let times = this.times.get(userid);
    if (!times) this.times.set(userid, (times = []));
    times.splice(upperBound(times, at), 0, at);
    const key = this.dayKey(userid, at);
    this.countedOnDay.set(key, (this.countedOnDay.get(key) ?? 0) + 1);
  }

  private dayKey(userid: string, at: number): string {
    const quarter = Math.floor(at / QUARTER_HOUR);
    let day = this.dayOfQuarter.get(quarter);
    if (day === undefined) this.dayOfQuarter.set(quarter, (day = localDateOf(quarter * QUARTER_HOUR, this.timeZone)));
    return `${userid}\u0000${day}`;
  }
}

