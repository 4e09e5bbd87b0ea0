import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { zonedTimeToUtcMs } from '../../src/camp/time-zone.js';
import type { EventType } from '../../src/scoring/event-type.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { SqliteExecutor } from '../../src/db/engine/sqlite-executor.js';
import { appendEvent } from '../../src/db/ledger.js';
import { countedMessageTimes, participationStateAt, stateFromTimes } from '../../src/db/participation-state.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const ZONE = 'Asia/Shanghai';
const at = (local: string): number => zonedTimeToUtcMs(local, ZONE);

let store: Store;
let nextKey = 0;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

/** A chat message counted for `userid` (keyed like the chat pipeline and the chat-archive import); returns its id. */
async function message(userid: string, happenedAt: number, campId = 'c1'): Promise<number> {
  const dedupeKey = `participation:m${nextKey++}`;
  return (await appendEvent(store, { campId, type: 'participation', userid, num: 1, actor: userid, source: 'chat', happenedAt, dedupeKey }, 0)).id;
}

async function other(type: EventType, userid: string, happenedAt: number): Promise<void> {
  await appendEvent(store, { campId: 'c1', type, userid, num: 1, actor: 'trainer1', source: 'command', happenedAt }, 0);
}

async function revoke(eventId: number, campId = 'c1'): Promise<void> {
  await appendEvent(store, { campId, type: 'revoke', revokes: eventId, actor: 'trainer1', source: 'command', happenedAt: 0 }, 0);
}

const stateOf = (userid: string, when: number, timeZone = ZONE) => participationStateAt(store, 'c1', userid, when, timeZone);

/** The SQLite connection behind the test store (the query-plan test is SQLite's). */
const sqliteOf = () => (executorOf(store) as SqliteExecutor).sqlite;

/** The plan SQLite picks for `sql`, with every parameter bound (bound values are never folded into the plan). */
function queryPlan(sql: string): string[] {
  const names = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!);
  const parameters = names.length > 0 ? [Object.fromEntries(names.map((name) => [name, 0]))] : Array(sql.split('?').length - 1).fill(0);
  return sqliteOf()
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...parameters)
    .map((row) => (row as { detail: string }).detail);
}

describe('participationStateAt', () => {
  it('takes the previous counted message in time, whatever order they were recorded in', async () => {
    await message('ming', at('2026-11-10T10:00'));
    await message('ming', at('2026-11-10T09:00'));
    await message('ming', at('2026-11-10T21:00'));
    expect(await stateOf('ming', at('2026-11-10T09:30'))).toEqual({ lastCountedAt: at('2026-11-10T09:00'), countedToday: 3 });
    expect(await stateOf('ming', at('2026-11-10T08:00'))).toEqual({ lastCountedAt: null, countedToday: 3 });
    expect(await stateOf('ming', at('2026-11-10T10:00'))).toEqual({ lastCountedAt: at('2026-11-10T10:00'), countedToday: 3 });
  });

  it('counts the calendar day in the camp time zone, and finds a last message days before', async () => {
    await message('ming', at('2026-11-03T12:00'));
    await message('ming', at('2026-11-10T23:59'));
    await message('ming', at('2026-11-11T00:01'));
    expect(await stateOf('ming', at('2026-11-10T23:59:30'))).toEqual({ lastCountedAt: at('2026-11-10T23:59'), countedToday: 1 });
    expect(await stateOf('ming', at('2026-11-11T00:00'))).toEqual({ lastCountedAt: at('2026-11-10T23:59'), countedToday: 1 });
    expect(await stateOf('ming', at('2026-11-09T12:00'))).toEqual({ lastCountedAt: at('2026-11-03T12:00'), countedToday: 0 });
    expect(await stateOf('ming', at('2026-11-03T11:00'))).toEqual({ lastCountedAt: null, countedToday: 1 });
  });

  it('ignores revoked messages, points that are not messages, other learners and other camps', async () => {
    const revoked = await message('ming', at('2026-11-10T11:00'));
    await revoke(revoked);
    await message('ming', at('2026-11-10T09:00'));
    const revokedElsewhere = await message('ming', at('2026-11-10T08:00'), 'c2');
    await revoke(revokedElsewhere, 'c2');
    await other('participation', 'ming', at('2026-11-10T11:30'));
    await other('lesson', 'ming', at('2026-11-10T11:40'));
    await message('hong', at('2026-11-10T11:50'));
    await message('ming', at('2026-11-10T11:55'), 'c2');
    expect(await stateOf('ming', at('2026-11-10T12:00'))).toEqual({ lastCountedAt: at('2026-11-10T09:00'), countedToday: 1 });
  });

  it('agrees with the whole-history state for any history, order and revocations, across clock changes', async () => {
    // A 25-hour day; a repeated hour after midnight (Havana); a skipped midnight and a repeated hour before one (Santiago).
    const days = [['America/New_York', '2026-11-01'], ['America/Havana', '2026-11-01'], ['America/Santiago', '2026-09-06'], ['America/Santiago', '2026-04-05'], [ZONE, '2026-11-10']] as const;
    const event = fc.record({
      kind: fc.constantFrom('message', 'message', 'message', 'points', 'lesson', 'revoke'),
      userid: fc.constantFrom('u0', 'u0', 'u1'),
      minutes: fc.integer({ min: -50 * 60, max: 50 * 60 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...days), fc.array(event, { minLength: 10, maxLength: 60 }), fc.integer({ min: -40 * 60, max: 40 * 60 }), async ([zone, date], events, probe) => {
        await store.close();
        store = await openTestStore();
        const midnight = zonedTimeToUtcMs(date, zone);
        const ids: number[] = [];
        for (const e of events) {
          const time = midnight + e.minutes * 60_000;
          if (e.kind === 'message') ids.push(await message(e.userid, time));
          else if (e.kind === 'revoke' && ids.length > 0) await revoke(ids[Math.abs(e.minutes) % ids.length]!);
          else if (e.kind !== 'revoke') await other(e.kind === 'points' ? 'participation' : 'lesson', e.userid, time);
        }
        const when = midnight + probe * 60_000 + 1;
        const whole = stateFromTimes((await countedMessageTimes(store, 'c1')).get('u0') ?? [], when, zone);
        expect(await stateOf('u0', when, zone)).toEqual(whole);
      }),
      { numRuns: testEngine() === 'sqlite' ? 300 : 40 },
    );
  });

  // The plan is SQLite's; PostgreSQL plans by its statistics (the same index serves it).
  it.runIf(testEngine() === 'sqlite')('reads through index searches bounded by learner and time, never the camp\'s whole history', async () => {
    const prepare = vi.spyOn(sqliteOf(), 'prepare');
    await message('ming', at('2026-11-01T10:00'));
    prepare.mockClear();
    // Nothing within a day of this message, so both the near window and the "latest before it" search run.
    expect((await stateOf('ming', at('2026-11-10T10:00'))).lastCountedAt).toBe(at('2026-11-01T10:00'));
    const statements = prepare.mock.calls.map(([sql]) => sql as string);
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const plan = queryPlan(sql);
      expect(plan).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH e USING (COVERING )?INDEX events_camp_user \(camp_id=\? AND userid=\? AND happened_at[<>]/)]));
      expect(plan.filter((line) => line.startsWith('SEARCH r '))).toEqual(['SEARCH r USING INDEX events_revokes (revokes=?)']);
      expect(plan.filter((line) => /^SCAN|TEMP B-TREE/.test(line))).toEqual([]);
    }
  });
});
