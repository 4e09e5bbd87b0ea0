import { describe, expect, it } from 'vitest';
import { learnerRanges } from '../../src/db/learner-ranges.js';
import { openDatabase } from '../../src/db/open-database.js';
import { importRoster } from '../../src/db/roster-store.js';

// Members only; no camp row is needed for slicing.
function rosterDb(): ReturnType<typeof openDatabase>['sqlite'] {
  const { sqlite } = openDatabase(':memory:');
  sqlite.pragma('foreign_keys = OFF');
  return sqlite;
}

const LEARNERS = ['a', 'B', 'b', 'c', 'u10', 'u2', 'u\u{1F600}', 'u\uFF41', '张三', 'Ω'];

describe('learnerRanges', () => {
  it('slices the userid space so every userid, enrolled or not, falls in exactly one slice', () => {
    const sqlite = rosterDb();
    importRoster(sqlite, 'c1', LEARNERS.map((userid) => ({ userid, name: userid, department: null, team: null, role: 'learner' as const, joined: null })));
    importRoster(sqlite, 'c1', [{ userid: 'coach', name: '教练', department: null, team: null, role: 'trainer', joined: null }]);
    const ranges = learnerRanges(sqlite, 'c1', 3);
    expect(ranges).toHaveLength(4);
    for (const userid of [...LEARNERS, '', '0', 'a0', 'coach', 'zzz', '\u{1F600}']) {
      const hits = ranges.map((_, i) => i).filter((i) => {
        const { lo, hi } = ranges[i]!.params;
        return sqlite.prepare(`SELECT 1 FROM (SELECT @userid AS userid) WHERE 1 ${ranges[i]!.filter}`)
          .get({ userid, ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }) }) !== undefined;
      });
      expect(hits, userid).toHaveLength(1);
    }
    // Slices before the last hold exactly `size` learners (the trainer is not one).
    const counts = ranges.map(({ filter, params }) =>
      sqlite.prepare(`SELECT count(*) FROM members WHERE camp_id = 'c1' AND role = 'learner' ${filter}`).pluck().get(params));
    expect(counts).toEqual([3, 3, 3, 1]);
  });

  it('is one slice, without a filter, for a camp smaller than the size', () => {
    const sqlite = rosterDb();
    importRoster(sqlite, 'c1', [{ userid: 'a', name: 'a', department: null, team: null, role: 'learner', joined: null }]);
    expect(learnerRanges(sqlite, 'c1', 3)).toEqual([{ filter: '', params: {} }]);
  });
});
