import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { learnerRanges, type UseridRange } from '../../src/db/learner-ranges.js';
import { importRoster } from '../../src/db/roster-store.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const LEARNERS = ['a', 'B', 'b', 'c', 'u10', 'u2', 'u\u{1F600}', 'u\uFF41', '张三', 'Ω'];
const OTHERS = ['', '0', 'a0', 'zzz', '\u{1F600}'];

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile('id: c1\nname: 切片营\nstarts: 2026-11-02\nends: 2026-12-04\n'), 1_000);
});
afterEach(() => store.close());

const learner = (userid: string) => ({ userid, name: userid, department: null, team: null, role: 'learner' as const, joined: null });

/** The userids in `people` (learners, the trainer and userids never enrolled) that a slice's filter lets through. */
async function peopleIn(range: UseridRange): Promise<string[]> {
  const rows = await executorOf(store).all<{ userid: string }>(`SELECT userid FROM people WHERE 1 = 1 ${range.filter}`, range.params);
  return rows.map((row) => row.userid);
}

describe(`learnerRanges (${testEngine()})`, () => {
  it('slices the userid space so every userid, enrolled or not, falls in exactly one slice', async () => {
    await importRoster(store, 'c1', LEARNERS.map(learner));
    await importRoster(store, 'c1', [{ userid: 'coach', name: '教练', department: null, team: null, role: 'trainer', joined: null }]);
    // Userids that are no learner's, compared by the engine exactly as the column `events.userid` is.
    for (const userid of OTHERS) await executorOf(store).run('INSERT INTO people (userid, name) VALUES (?, ?)', [userid, userid]);
    const ranges = await learnerRanges(executorOf(store), 'c1', 3);
    expect(ranges).toHaveLength(4);
    const slices = await Promise.all(ranges.map(peopleIn));
    for (const userid of [...LEARNERS, ...OTHERS, 'coach']) {
      expect(slices.filter((slice) => slice.includes(userid)), userid).toHaveLength(1);
    }
    // Slices before the last hold exactly `size` learners (the trainer is not one).
    const counts = await Promise.all(ranges.map(async ({ filter, params }) => (await executorOf(store).get<{ n: number }>(
      `SELECT count(*) AS "n" FROM members WHERE camp_id = 'c1' AND role = 'learner' ${filter}`, params))!.n));
    expect(counts).toEqual([3, 3, 3, 1]);
  });

  it('is one slice, without a filter, for a camp smaller than the size', async () => {
    await importRoster(store, 'c1', [learner('a')]);
    expect(await learnerRanges(executorOf(store), 'c1', 3)).toEqual([{ filter: '', params: {} }]);
  });
});
