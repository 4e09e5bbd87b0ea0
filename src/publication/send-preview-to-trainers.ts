import type { Db } from '../db/db.js';
import type { AwardsPreview } from '../db/preview-awards.js';
import { trainersOf } from '../db/roster-store.js';
import { awardPreviewText } from './award-preview-text.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';

/**
 * Queues the award draft, with its warnings, to the camp's trainers only (SPEC §7); returns how many it goes to.
 * Call inside the caller's transaction.
 */
export async function sendPreviewToTrainers(tx: Db, preview: AwardsPreview, dedupeKey: string, now: number): Promise<number> {
  const campId = preview.config.id;
  const touser = await trainersOf(tx, campId);
  if (touser.length === 0) return 0;
  const payload = { touser, message: { msgtype: 'text' as const, content: awardPreviewText(preview) } };
  await enqueueOutbound(tx, { campId, kind: 'app', payload, dedupeKey }, now);
  return touser.length;
}
