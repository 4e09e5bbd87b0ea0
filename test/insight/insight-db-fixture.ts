import { afterEach, beforeEach, vi } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import type { Db } from '../../src/db/db.js';
import type { EventType } from '../../src/scoring/event-type.js';
import { appendEvent } from '../../src/db/ledger.js';
import { importRoster } from '../../src/db/roster-store.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { at, CAMP_YAML } from './insight-fixture.js';

/** Ten days into the camp. */
export const DB_NOW = at('2026-11-11T00:00');

let seq = 0;

async function add(db: Db, type: EventType, fields: { userid?: string; num?: number; text?: string; ref?: string; actor?: string; revokes?: number }, local: string): Promise<number> {
  seq += 1;
  const event = await appendEvent(db, {
    campId: 't1', type, actor: fields.actor ?? 'teacher', source: 'import', happenedAt: at(local), dedupeKey: `fixture:${seq}`,
    userid: fields.userid ?? null, num: fields.num ?? null, text: fields.text ?? null, ref: fields.ref ?? null, revokes: fields.revokes ?? null,
  }, at(local));
  return event.id;
}

/**
 * The fixture camp in a real database: four learners whose composites as of `DB_NOW` are a2 94, a4 56, a1 52, a3 23
 * (same numbers as the pure fixture), a tagged assignment, participation, and a2's prize handed over.
 */
export async function seedCamp(db: Db): Promise<void> {
  await saveCamp(db, parseCampFile(CAMP_YAML), at('2026-10-30T00:00'));
  await importRoster(db, 't1', [
    { userid: 'a1', name: '张三', department: '研发', team: 'A', role: 'learner', joined: '2026-06-01' },
    { userid: 'a2', name: '李四', department: '研发', team: 'A', role: 'learner', joined: '2020-01-01' },
    { userid: 'a3', name: '王五', department: '市场', team: 'B', role: 'learner', joined: null },
    { userid: 'a4', name: '赵六', department: '市场', team: 'B', role: 'learner', joined: '2025-11-01' },
    { userid: 'teacher', name: '周老师', department: null, team: null, role: 'trainer', joined: null },
  ]);
  const lessons: Record<string, number> = { a1: 4, a2: 10, a3: 2, a4: 5 };
  for (const [userid, count] of Object.entries(lessons)) {
    for (let n = 1; n <= count; n += 1) await add(db, 'lesson', { userid, num: n }, `2026-11-0${1 + (n % 8)}T10:00`);
  }
  const exams: Record<string, number> = { a1: 90, a2: 80, a3: 50, a4: 70 };
  for (const [userid, num] of Object.entries(exams)) await add(db, 'exam', { userid, num, ref: 'final' }, '2026-11-09T10:00');
  await add(db, 'project', { userid: 'a1', num: 6 }, '2026-11-05T10:00');
  await add(db, 'project', { userid: 'a2', num: 20 }, '2026-11-05T10:00');
  await add(db, 'project', { userid: 'a4', num: 10 }, '2026-11-05T10:00');
  const wrong = await add(db, 'project', { userid: 'a3', num: 15 }, '2026-11-05T11:00');
  await add(db, 'revoke', { revokes: wrong, text: '记错人' }, '2026-11-05T12:00');
  await add(db, 'practice', { userid: 'a1', num: 3 }, '2026-11-06T10:00');
  await add(db, 'assignment', { ref: 'h1', text: 'user-research' }, '2026-11-02T09:00');
  await add(db, 'submission', { userid: 'a1', ref: 'h1', text: 'https://example.com/a1' }, '2026-11-03T09:00');
  await add(db, 'submission', { userid: 'a3', ref: 'h1', text: 'https://example.com/a3' }, '2026-11-03T09:00');
  await add(db, 'grade', { userid: 'a1', ref: 'h1', num: 40 }, '2026-11-04T09:00');
  await add(db, 'grade', { userid: 'a3', ref: 'h1', num: 100 }, '2026-11-04T09:00');
  await add(db, 'participation', { userid: 'a1', num: 1, actor: 'a1' }, '2026-11-08T10:00');
  await add(db, 'participation', { userid: 'a1', num: 1, actor: 'a1' }, '2026-11-08T10:05');
  await add(db, 'participation', { userid: 'a4', num: 1, actor: 'a4' }, '2026-11-09T23:50');
  await add(db, 'prize_claimed', { userid: 'a2', ref: 'all-round' }, '2026-11-10T15:00');
}

/**
 * Registers hooks that give each test a seeded camp in a database the CLI opens from the environment (see
 * `sharedTestDb`) with the clock at DB_NOW; the returned object's `db` is the current test's database.
 */
export function useSeededCampDatabase(): { db: SharedTestDb } {
  const current = {} as { db: SharedTestDb };
  beforeEach(async () => {
    current.db = await sharedTestDb();
    const store = await current.db.open();
    await seedCamp(store);
    await store.close();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(DB_NOW);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await current.db.cleanup();
  });
  return current;
}
