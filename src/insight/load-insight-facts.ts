import type Sqlite from 'better-sqlite3';
import type { EventType } from '../db/event-types.js';
import { loadRevoked } from '../db/load-facts.js';
import type { Fact } from '../scoring/fact.js';

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
export function loadInsightFacts(sqlite: Sqlite.Database, campId: string, asOf: number): Fact[] {
  const params = { campId, asOf, revoked: JSON.stringify([...loadRevoked(sqlite, campId, asOf)]) };
  const live = `camp_id = @campId AND happened_at <= @asOf AND id NOT IN (SELECT value FROM json_each(@revoked))`;
  const rows = sqlite.prepare(
    `SELECT id, type, userid, num, text, ref, actor, happened_at FROM events
     WHERE ${live} AND type IN ('assignment', 'submission', 'grade') ORDER BY id`,
  ).raw(true).all(params) as Row[];
  const present = sqlite.prepare(
    `SELECT 0, type, userid, NULL, NULL, NULL, 'import', max(happened_at) FROM events
     WHERE ${live} AND userid IS NOT NULL AND type IN ('lesson', 'checkin', 'exam', 'project', 'practice')
     GROUP BY type, userid`,
  ).raw(true).all(params) as Row[];
  const participation = sqlite.prepare(
    `SELECT 0, 'participation', userid, sum(num), NULL, NULL, 'import', (happened_at / ${BUCKET_MS}) * ${BUCKET_MS} AS bucket
     FROM events WHERE ${live} AND userid IS NOT NULL AND type = 'participation'
     GROUP BY userid, bucket`,
  ).raw(true).all(params) as Row[];
  return [...rows, ...present, ...participation].map(toFact);
}
