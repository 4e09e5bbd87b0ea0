import { executorOf, type Db } from './db.js';
import { PARTICIPATION_KEY_PREFIX } from './participation-state.js';
import { inJsonArray } from './sql-dialect.js';

/**
 * Times (ms, ascending) of the counted, non-revoked chat messages of the given learners in a camp, read in one query
 * (an archive import reads its learners' history once, not once per message).
 * @example (await countedTimesOf(store, 'ai-2026q4', ['u1', 'u2'])).get('u1') // [1763000000000, …]
 */
export async function countedTimesOf(db: Db, campId: string, userids: readonly string[]): Promise<Map<string, number[]>> {
  const ex = executorOf(db);
  const rows = await ex.all<{ userid: string; at: number }>(
    `SELECT userid, happened_at AS "at" FROM events e
     WHERE camp_id = @campId AND type = 'participation' AND ${inJsonArray(ex.dialect, 'userid', 'userids')}
       AND substr(dedupe_key, 1, ${PARTICIPATION_KEY_PREFIX.length}) = '${PARTICIPATION_KEY_PREFIX}'
       AND NOT EXISTS (SELECT 1 FROM events r WHERE r.revokes = e.id AND r.type = 'revoke' AND r.camp_id = e.camp_id)
     ORDER BY userid, happened_at`,
    { campId, userids: JSON.stringify(userids) },
  );
  const byUser = new Map<string, number[]>();
  for (const { userid, at } of rows) {
    const times = byUser.get(userid);
    if (times) times.push(at);
    else byUser.set(userid, [at]);
  }
  return byUser;
}
