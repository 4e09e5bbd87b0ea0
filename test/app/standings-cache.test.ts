import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStandingsCache } from '../../src/app/standings-cache.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { loadCampStandings } from '../../src/db/camp-standings.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { importRoster } from '../../src/db/roster-store.js';
import { CAMP_ID, ROSTER, sampleCampYaml } from '../support/camp-fixture.js';

let database: Database;
let clock = 1_000;
beforeEach(() => {
  database = openDatabase(':memory:');
  saveCamp(database.sqlite, parseCampFile(sampleCampYaml()), 1);
  importRoster(database.sqlite, CAMP_ID, ROSTER);
});
afterEach(() => database.close());

function add(event: Partial<NewEvent> & Pick<NewEvent, 'type'>): number {
  clock += 1_000;
  return appendEvent(database.sqlite, { campId: CAMP_ID, actor: 'zhang', source: 'command', happenedAt: clock, ...event }, clock).id;
}

function expectSameAsLedger(cache: ReturnType<typeof createStandingsCache>): void {
  const now = clock + 1;
  expect(cache.get(database.sqlite, CAMP_ID, now)).toEqual(loadCampStandings(database.sqlite, CAMP_ID, now));
}

describe('createStandingsCache', () => {
  it('answers what the ledger says after every kind of change, incremental or not', () => {
    const cache = createStandingsCache();
    expectSameAsLedger(cache);
    add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    expectSameAsLedger(cache);
    add({ type: 'lesson', userid: 'ming', num: 1 });
    add({ type: 'lesson', userid: 'ming', num: 1 });
    add({ type: 'session', ref: 's1' });
    add({ type: 'checkin', userid: 'hong', ref: 's1' });
    add({ type: 'assignment', ref: 'a1', text: 'user-research' });
    add({ type: 'submission', userid: 'hong', ref: 'a1', text: 'x' });
    add({ type: 'grade', userid: 'hong', num: 90, ref: 'a1' });
    add({ type: 'review', userid: 'hong', num: 60, ref: 'a1', actor: 'ming' });
    add({ type: 'review', userid: 'hong', num: 80, ref: 'a1', actor: 'gang' });
    add({ type: 'participation', userid: 'li', num: 1, dedupeKey: 'participation:1' });
    expectSameAsLedger(cache);
    add({ type: 'weights', text: JSON.stringify({ exam: 40, project: 5 }) });
    add({ type: 'project', userid: 'gang', num: 30 });
    expectSameAsLedger(cache);
    const exam = add({ type: 'exam', userid: 'ming', num: 20, ref: 'final' });
    expectSameAsLedger(cache);
    add({ type: 'revoke', revokes: exam, text: '录错了' });
    expectSameAsLedger(cache);
    importRoster(database.sqlite, CAMP_ID, [{ userid: 'new', name: '新同学', department: null, team: 'A', role: 'learner', joined: null }]);
    expectSameAsLedger(cache);
    saveCamp(database.sqlite, parseCampFile(sampleCampYaml().replace('lessons: 4', 'lessons: 8')), clock);
    expectSameAsLedger(cache);
  });

  it('does not recompute when nothing about the camp changed', () => {
    const cache = createStandingsCache();
    add({ type: 'exam', userid: 'ming', num: 80, ref: 'final' });
    const first = cache.get(database.sqlite, CAMP_ID, 10);
    appendEvent(database.sqlite, { campId: 'other', type: 'exam', userid: 'x', num: 1, actor: 'a', source: 'command', happenedAt: 1 }, 1);
    const second = cache.get(database.sqlite, CAMP_ID, 20);
    expect(second.rows).toBe(first.rows);
    expect(second.asOf).toBe(20);
  });
});
