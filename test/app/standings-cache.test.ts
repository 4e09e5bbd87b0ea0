import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStandingsCache } from '../../src/app/standings-cache.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { dbOf, executorOf, transaction, type Store } from '../../src/db/db.js';
import type { Executor, Params } from '../../src/db/engine/executor.js';
import { loadCampStandings } from '../../src/db/camp-standings.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvent } from '../../src/db/ledger.js';
import { importRoster } from '../../src/db/roster-store.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';
import { openTestStore } from '../support/test-store.js';

let store: Store;
let clock = 1_000;
beforeEach(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile(sampleCampYaml()), 1);
  await importRoster(store, CAMP_ID, ROSTER);
});
afterEach(() => store.close());

async function add(event: Partial<NewEvent> & Pick<NewEvent, 'type'>): Promise<number> {
  clock += 1_000;
  return (await appendEvent(store, { campId: CAMP_ID, actor: 'zhang', source: 'command', happenedAt: clock, ...event }, clock)).id;
}

async function expectSameAsLedger(cache: ReturnType<typeof createStandingsCache>): Promise<void> {
  const now = clock + 1;
  expect(await cache.get(store, CAMP_ID, now)).toEqual(await loadCampStandings(store, CAMP_ID, now));
}

describe('createStandingsCache', () => {
  it('answers what the ledger says after every kind of change, incremental or not', async () => {
    const cache = createStandingsCache();
    await expectSameAsLedger(cache);
    await add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    await expectSameAsLedger(cache);
    await add({ type: 'lesson', userid: 'ming', num: 1 });
    await add({ type: 'lesson', userid: 'ming', num: 1 });
    await add({ type: 'session', ref: 's1' });
    await add({ type: 'checkin', userid: 'hong', ref: 's1' });
    await add({ type: 'assignment', ref: 'a1', text: 'user-research' });
    await add({ type: 'submission', userid: 'hong', ref: 'a1', text: 'x' });
    await add({ type: 'grade', userid: 'hong', num: 90, ref: 'a1' });
    await add({ type: 'review', userid: 'hong', num: 60, ref: 'a1', actor: 'ming' });
    await add({ type: 'review', userid: 'hong', num: 80, ref: 'a1', actor: 'gang' });
    await add({ type: 'participation', userid: 'li', num: 1, dedupeKey: 'participation:1' });
    await expectSameAsLedger(cache);
    await add({ type: 'weights', text: JSON.stringify({ exam: 40, project: 5 }) });
    await add({ type: 'project', userid: 'gang', num: 30 });
    await expectSameAsLedger(cache);
    const exam = await add({ type: 'exam', userid: 'ming', num: 20, ref: 'final' });
    await expectSameAsLedger(cache);
    await add({ type: 'revoke', revokes: exam, text: '录错了' });
    await expectSameAsLedger(cache);
    await importRoster(store, CAMP_ID, [{ userid: 'new', name: '新同学', department: null, team: 'A', role: 'learner', joined: null }]);
    await expectSameAsLedger(cache);
    await saveCamp(store, parseCampFile(sampleCampYaml().replace('lessons: 4', 'lessons: 8')), clock);
    await expectSameAsLedger(cache);
  });

  it('does not recompute when nothing about the camp changed', async () => {
    const cache = createStandingsCache();
    await add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    const first = await cache.get(store, CAMP_ID, 10);
    await appendEvent(store, { campId: 'other', type: 'exam', userid: 'x', num: 1, actor: 'a', source: 'command', happenedAt: 1 }, 1);
    const second = await cache.get(store, CAMP_ID, 20);
    expect(second.rows).toBe(first.rows);
    expect(second.asOf).toBe(20);
  });

  it('answers many calls at once from one computation, each finding the entry the one before left', async () => {
    const cache = createStandingsCache();
    const first = await cache.get(store, CAMP_ID, 10);
    const at = await Promise.all([1, 2, 3, 4].map((n) => cache.get(store, CAMP_ID, 10 + n)));
    expect(at.every((standings) => standings.rows === first.rows)).toBe(true);
    await add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    const after = await Promise.all([1, 2, 3].map(() => cache.get(store, CAMP_ID, clock + 1)));
    expect(after[1]!.rows).toBe(after[0]!.rows);
    expect(after[2]!.rows).toBe(after[0]!.rows);
    expect(after[0]).toEqual(await loadCampStandings(store, CAMP_ID, clock + 1));
  });

  it('reads an event appended while it works once, whichever call reads it', async () => {
    const cache = createStandingsCache();
    await cache.get(store, CAMP_ID, clock);
    const real = executorOf(store);
    let armed = true;
    const racing = Object.create(real, {
      get: {
        value: async (sql: string, params?: Params) => {
          const row = await real.get(sql, params);
          if (armed && sql.includes('"lastSeq"')) {
            armed = false;
            await add({ type: 'project', userid: 'ming', num: 5 });
          }
          return row;
        },
      },
    }) as Executor;
    await add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    await cache.get(dbOf(racing), CAMP_ID, clock + 1);
    await expectSameAsLedger(cache);
  });

  it('counts a transaction\'s own uncommitted events, and keeps only what committed', async () => {
    const cache = createStandingsCache();
    const exam = await add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    await expectSameAsLedger(cache);
    const now = clock + 1;
    await expect(transaction(store, async (tx) => {
      await appendEvent(tx, { campId: CAMP_ID, type: 'project', userid: 'gang', num: 30, actor: 'zhang', source: 'command', happenedAt: now }, now);
      expect(await cache.get(tx, CAMP_ID, now)).toEqual(await loadCampStandings(tx, CAMP_ID, now));
      // An uncommitted revocation undoes what the kept entry has counted.
      await appendEvent(tx, { campId: CAMP_ID, type: 'revoke', revokes: exam, actor: 'zhang', source: 'command', happenedAt: now }, now);
      expect(await cache.get(tx, CAMP_ID, now)).toEqual(await loadCampStandings(tx, CAMP_ID, now));
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    await expectSameAsLedger(cache);
    expect((await cache.get(store, CAMP_ID, now)).rows.find((row) => row.userid === 'gang')?.metrics.project?.raw ?? 0).toBe(0);
  });
});
