import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import type { EventType } from '../../src/db/event-types.js';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { countedMessageTimes, participationStateAt, stateFromTimes } from '../../src/db/participation-state.js';

const ZONE = 'Asia/Shanghai';
const at = (local: string): number => zonedTimeToUtcMs(local, ZONE);

let database: Database;
let nextKey = 0;
beforeEach(() => {
  database = openDatabase(':memory:');
});
afterEach(() => database.close());

/** A chat message counted for `userid` (keyed like the chat pipeline and the chat-archive import); returns its id. */
function message(userid: string, happenedAt: number, campId = 'c1'): number {
  const dedupeKey = `participation:m${nextKey++}`;
  return appendEvent(database.sqlite, { campId, type: 'participation', userid, num: 1, actor: userid, source: 'chat', happenedAt, dedupeKey }, 0).id;
}

function other(type: EventType, userid: string, happenedAt: number): void {
  appendEvent(database.sqlite, { campId: 'c1', type, userid, num: 1, actor: 'trainer1', source: 'command', happenedAt }, 0);
}

function revoke(eventId: number, campId = 'c1'): void {
  appendEvent(database.sqlite, { campId, type: 'revoke', revokes: eventId, actor: 'trainer1', source: 'command', happenedAt: 0 }, 0);
}

const stateOf = (userid: string, when: number, timeZone = ZONE) => participationStateAt(database.sqlite, 'c1', userid, when, timeZone);

/** The plan SQLite picks for `sql`, with every parameter bound (bound values are never folded into the plan). */
function queryPlan(sql: string): string[] {
  const names = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!);
  const parameters = names.length > 0 ? [Object.fromEntries(names.map((name) => [name, 0]))] : Array(sql.split('?').length - 1).fill(0);
  return database.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...parameters)
    .map((row) => (row as { detail: string }).detail);
}

describe('participationStateAt', () => {
  it('takes the previous counted message in time, whatever order they were recorded in', () => {
    message('ming', at('2026-11-10T10:00'));
    message('ming', at('2026-11-10T09:00'));
    message('ming', at('2026-11-10T21:00'));
    expect(stateOf('ming', at('2026-11-10T09:30'))).toEqual({ lastCountedAt: at('2026-11-10T09:00'), countedToday: 3 });
    expect(stateOf('ming', at('2026-11-10T08:00'))).toEqual({ lastCountedAt: null, countedToday: 3 });
    expect(stateOf('ming', at('2026-11-10T10:00'))).toEqual({ lastCountedAt: at('2026-11-10T10:00'), countedToday: 3 });
  });

  it('counts the calendar day in the camp time zone, and finds a last message days before', () => {
    message('ming', at('2026-11-03T12:00'));
    message('ming', at('2026-11-10T23:59'));
    message('ming', at('2026-11-11T00:01'));
    expect(stateOf('ming', at('2026-11-10T23:59:30'))).toEqual({ lastCountedAt: at('2026-11-10T23:59'), countedToday: 1 });
    expect(stateOf('ming', at('2026-11-11T00:00'))).toEqual({ lastCountedAt: at('2026-11-10T23:59'), countedToday: 1 });
    expect(stateOf('ming', at('2026-11-09T12:00'))).toEqual({ lastCountedAt: at('2026-11-03T12:00'), countedToday: 0 });
    expect(stateOf('ming', at('2026-11-03T11:00'))).toEqual({ lastCountedAt: null, countedToday: 1 });
  });

  it('ignores revoked messages, points that are not messages, other learners and other camps', () => {
    const revoked = message('ming', at('2026-11-10T11:00'));
    revoke(revoked);
    message('ming', at('2026-11-10T09:00'));
    const revokedElsewhere = message('ming', at('2026-11-10T08:00'), 'c2');
    revoke(revokedElsewhere, 'c2');
    other('participation', 'ming', at('2026-11-10T11:30'));
    other('lesson', 'ming', at('2026-11-10T11:40'));
    message('hong', at('2026-11-10T11:50'));
    message('ming', at('2026-11-10T11:55'), 'c2');
    expect(stateOf('ming', at('2026-11-10T12:00'))).toEqual({ lastCountedAt: at('2026-11-10T09:00'), countedToday: 1 });
  });

  it('agrees with the whole-history state for any history, order and revocations, across clock changes', () => {
    // A 25-hour day; a repeated hour after midnight (Havana); a skipped midnight and a repeated hour before one (Santiago).
    const days = [['America/New_York', '2026-11-01'], ['America/Havana', '2026-11-01'], ['America/Santiago', '2026-09-06'], ['America/Santiago', '2026-04-05'], [ZONE, '2026-11-10']] as const;
    const event = fc.record({
      kind: fc.constantFrom('message', 'message', 'message', 'points', 'lesson', 'revoke'),
      userid: fc.constantFrom('u0', 'u0', 'u1'),
      minutes: fc.integer({ min: -50 * 60, max: 50 * 60 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...days), fc.array(event, { minLength: 10, maxLength: 60 }), fc.integer({ min: -40 * 60, max: 40 * 60 }), ([zone, date], events, probe) => {
        database.close();
        database = openDatabase(':memory:');
        const midnight = zonedTimeToUtcMs(date, zone);
        const ids: number[] = [];
        for (const e of events) {
          const time = midnight + e.minutes * 60_000;
          if (e.kind === 'message') ids.push(message(e.userid, time));
          else if (e.kind === 'revoke' && ids.length > 0) revoke(ids[Math.abs(e.minutes) % ids.length]!);
          else if (e.kind !== 'revoke') other(e.kind === 'points' ? 'participation' : 'lesson', e.userid, time);
        }
        const when = midnight + probe * 60_000 + 1;
        const whole = stateFromTimes(countedMessageTimes(database.sqlite, 'c1').get('u0') ?? [], when, zone);
        expect(stateOf('u0', when, zone)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('reads through index searches bounded by learner and time, never the camp\'s whole history', () => {
    const prepare = vi.spyOn(database.sqlite, 'prepare');
    message('ming', at('2026-11-01T10:00'));
    prepare.mockClear();
    // Nothing within a day of this message, so both the near window and the "latest before it" search run.
    expect(stateOf('ming', at('2026-11-10T10:00')).lastCountedAt).toBe(at('2026-11-01T10:00'));
    const statements = prepare.mock.calls.map(([sql]) => sql);
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const plan = queryPlan(sql);
      expect(plan).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH e USING INDEX events_camp_user \(camp_id=\? AND userid=\? AND happened_at[<>]/)]));
      expect(plan.filter((line) => line.startsWith('SEARCH r '))).toEqual(['SEARCH r USING INDEX events_revokes (revokes=?)']);
      expect(plan.filter((line) => /^SCAN|TEMP B-TREE/.test(line))).toEqual([]);
    }
  });
});
