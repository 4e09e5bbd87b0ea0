import { prizeClaimedCommand } from '../commands/prize.js';
import { transaction, type Db } from '../db/db.js';
import { loadPrizeClaims } from '../db/prize-claims.js';
import { currentPublication } from '../db/publication-store.js';
import { personName, rosterOf } from '../db/roster-store.js';
import { ApiRefusal } from '../errors.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { EventCreated, PrizeRow } from './api-types.js';
import { textField } from './body-fields.js';
import { runChatCommand } from './run-chat-command.js';

/** The prize hand-over list of the publication in force, and marking a prize handed over (like `/prize claimed`). */
export function prizeRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/prizes', ['admin', 'trainer'], async ({ campId, now }) => prizeRows(deps.store, campId, now));

  api.camp('post', '/prizes/claims', ['admin', 'trainer'], async (req): Promise<EventCreated> => {
    const userid = textField(req.body, 'userid', '获奖人', 64);
    const award = textField(req.body, 'award', '奖项', 64);
    const [event] = await transaction(deps.store, async (tx) => {
      const row = (await prizeRows(tx, req.campId, req.now)).find((p) => p.userid === userid && p.award === award);
      if (!row) throw new ApiRefusal(400, '这位学员没有这个奖项的奖品');
      if (row.claimed) throw new ApiRefusal(409, `${row.name} 的「${row.awardName}」奖品已于 ${row.claimed.at.slice(0, 10)} 登记领取`);
      return runChatCommand(tx, req, deps, prizeClaimedCommand, [userid, award]);
    }, 'write');
    req.ctx.status = 201;
    return { event: event!.id };
  });
}

/** Winners of the publication in force whose award carries a prize, with their hand-over; [] before publishing. */
async function prizeRows(db: Db, campId: string, now: number): Promise<PrizeRow[]> {
  const publication = await currentPublication(db, campId);
  if (!publication) return [];
  const claims = await loadPrizeClaims(db, campId, now);
  const people = new Map((await rosterOf(db, campId)).map((p) => [p.userid, p]));
  const rows: PrizeRow[] = [];
  for (const w of publication.result.winners) {
    if (!w.prize) continue;
    const claim = claims.find((c) => c.userid === w.userid && c.award === w.award);
    const person = people.get(w.userid);
    rows.push({
      award: w.award, awardName: w.awardName, prize: w.prize, userid: w.userid, name: w.name, team: person?.team ?? w.team, department: person?.department ?? null,
      claimed: claim ? { at: isoOf(claim.at), by: (await personName(db, claim.actor)) ?? claim.actor, event: claim.eventId } : null,
    });
  }
  return rows;
}
