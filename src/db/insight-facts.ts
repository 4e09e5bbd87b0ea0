import type { Fact } from '../scoring/fact.js';
import { executorOf, type Db } from './db.js';
import type { EventType } from '../scoring/event-type.js';
import { loadRevoked } from './load-facts.js';
import { inJsonArray } from './sql-dialect.js';

/** Every real zone offset is a multiple of 15 minutes, so a bucket never straddles a local midnight. */
const BUCKET_MS = 15 * 60 * 1000;

type Row = [number, string, string | null, number | null, string | null, string | null, string, number];

const toFact = (r: Row): Fact => ({ id: r[0], type: r[1] as EventType, userid: r[2], num: r[3], text: r[4], ref: r[5], actor: r[6], at: r[7], revokes: null });

/**
 * What the statistics read of a camp's ledger as of `asOf`, revocations applied in SQL and kept small for big camps:
 * assignments, submissions and grades row by row; one fact per (type, learner) for lessons, check-ins, exams and
 * points (who has data); participation summed per learner per 15 minutes (exact per local day). Synthetic facts
 * carry id 0.
 */
export async function loadInsightFacts(db: Db, campId: string, asOf: number): Promise<Fact[]> {
  const ex = executorOf(db);
  const params = { campId, asOf, revoked: JSON.stringify([...(await loadRevoked(db, campId, asOf))]) };
  const live = `camp_id = @campId AND happened_at <= @asOf AND NOT ${inJsonArray(ex.dialect, 'id', 'revoked', 'bigint')}`;
  const rows = await ex.rows(
    `SELECT id, type, userid, num, text, ref, actor, happened_at FROM events
     WHERE ${live} AND type IN ('assignment', 'submission', 'grade') ORDER BY id`,
    params,
  );
  const present = await ex.rows(
    `SELECT 0, type, userid, NULL, NULL, NULL, 'import', max(happened_at) FROM events
     WHERE ${live} AND userid IS NOT NULL AND type IN ('lesson', 'checkin', 'exam', 'project', 'practice')
     GROUP BY type, userid`,
    params,
  );
  const participation = await ex.rows(
    `SELECT 0, 'participation', userid, sum(num), NULL, NULL, 'import', (happened_at / ${BUCKET_MS}) * ${BUCKET_MS} AS bucket
     FROM events WHERE ${live} AND userid IS NOT NULL AND type = 'participation'
     GROUP BY userid, bucket`,
    params,
  );
  return [...rows, ...present, ...participation].map((row) => toFact(row as Row));
}
