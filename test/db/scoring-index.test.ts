import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { saveCamp } from '../../src/db/camp-store.js';
import { executorOf, transaction, type Store } from '../../src/db/db.js';
import type { Params } from '../../src/db/engine/executor.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvents } from '../../src/db/append-events.js';
import { feedCampFacts } from '../../src/db/load-facts.js';
import { importRoster } from '../../src/db/roster-store.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const CAMP = `
id: idx
name: 索引营
starts: 2026-11-02
ends: 2026-12-04
lessons: 4
metrics:
  completion: { weight: 30 }
  exam: { weight: 30 }
  assignment: { weight: 20, minPeerReviews: 1 }
  participation: { weight: 10, target: 5 }
  attendance: { weight: 10 }
`;
const T0 = Date.parse('2026-11-03T00:00:00Z');
const LEARNERS = ['u1', 'u2', 'u3'];

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await saveCamp(store, parseCampFile(CAMP), T0);
  await importRoster(store, 'idx', LEARNERS.map((userid) => ({ userid, name: userid, department: null, team: null, role: 'learner' as const, joined: null })));
  const base = { campId: 'idx', actor: 't', source: 'import' as const, happenedAt: T0 };
  const events: NewEvent[] = LEARNERS.flatMap((userid): NewEvent[] => [
    { ...base, userid, type: 'exam', num: 80, ref: 'final' },
    { ...base, userid, type: 'grade', num: 90, ref: 'a1' },
    { ...base, userid, type: 'review', num: 70, ref: 'a1', actor: 'u9' },
    { ...base, userid, type: 'lesson', num: 1 },
    { ...base, userid, type: 'participation', num: 1 },
  ]);
  await transaction(store, (tx) => appendEvents(tx, events, T0));
});
afterEach(() => store.close());

/** The statements a whole camp's standings read sends for big results, with their parameters. */
async function scoringReads(): Promise<{ sql: string; params: Params | undefined }[]> {
  const rows = vi.spyOn(executorOf(store), 'rows');
  await feedCampFacts(store, 'idx', T0 + 86_400_000, new Set(), 4, () => undefined);
  return rows.mock.calls.map(([sql, params]) => ({ sql, params }));
}

/** The plan's lines for `sql`; on PostgreSQL with sequential and bitmap scans off, as on a big camp's ledger. */
async function planOf(sql: string, params: Params | undefined): Promise<string[]> {
  if (testEngine() === 'sqlite') {
    const rows = await executorOf(store).all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
    return rows.map((row) => row.detail);
  }
  return transaction(store, async (tx) => {
    await executorOf(tx).run('SET LOCAL enable_seqscan = off');
    await executorOf(tx).run('SET LOCAL enable_bitmapscan = off');
    const rows = await executorOf(tx).all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN'].trim());
  });
}

describe(`scoring reads (${testEngine()})`, () => {
  it('reads every scored event type but assignments and weights from the covering index alone, never the rows', async () => {
    // A freshly written table has no visibility map yet: PostgreSQL would check the rows for any plan.
    if (testEngine() === 'postgres') await executorOf(store).run('VACUUM ANALYZE events');
    const reads = (await scoringReads()).filter(({ sql }) => !/'(assignment|weights)'/.test(sql));
    expect(reads.map(({ sql }) => /type (?:= |IN \()'(\w+)'/.exec(sql)?.[1])).toEqual(expect.arrayContaining(['exam', 'grade', 'review', 'lesson', 'participation']));
    for (const { sql, params } of reads) {
      const plan = (await planOf(sql, params)).join('\n');
      const onlyIndex = testEngine() === 'sqlite' ? /USING COVERING INDEX events_camp_type/ : /Index Only Scan using events_camp_type/;
      expect(plan, sql).toMatch(onlyIndex);
      expect(plan, sql).not.toMatch(/Seq Scan on events|Bitmap Heap Scan on events|Index Scan using events_camp_type|SCAN events\b/);
    }
  });
});
