import { happenedAt, type InboundMessage } from '../bot/inbound-message.js';
import type { CampConfig } from '../camp/camp-config.js';
import type { Db } from '../db/db.js';
import type { StoredEvent } from '../db/event-types.js';
import { appendEvent } from '../db/ledger.js';
import { PARTICIPATION_KEY_PREFIX, participationStateAt } from '../db/participation-state.js';
import { rolesOf } from '../db/roster-store.js';
import { countsAsParticipation } from '../scoring/participation-rule.js';

/**
 * Counts a non-command group message of an enrolled learner as participation when the SPEC §5 rule allows
 * (minChars, cooldown, daily cap in the camp's time zone): a `participation` event of 1 point keyed by the MsgId.
 * Returns the event, or null when the message does not count.
 */
export async function recordParticipation(
  tx: Db,
  message: InboundMessage,
  campId: string,
  camp: CampConfig,
  now: number,
): Promise<StoredEvent | null> {
  const userid = message.from.userid;
  if (!(await rolesOf(tx, campId, userid)).includes('learner')) return null;
  const at = happenedAt(message);
  const state = await participationStateAt(tx, campId, userid, at, camp.timezone);
  const verdict = countsAsParticipation({ kind: message.kind, text: message.text, at }, state, camp.metrics.participation);
  if (!verdict.counts) return null;
  const event = await appendEvent(
    tx,
    {
      campId,
      type: 'participation',
      userid,
      num: 1,
      actor: userid,
      source: 'chat',
      happenedAt: at,
      dedupeKey: `${PARTICIPATION_KEY_PREFIX}${message.msgId}`,
    },
    now,
  );
  return event.duplicate ? null : event;
}
