import type Sqlite from 'better-sqlite3';
import type { AwardsPreview } from '../db/preview-awards.js';
import { rosterOf } from '../db/roster-store.js';
import { awardPreviewText } from './award-preview-text.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * Queues the award draft, with its warnings, to the camp's trainers only (SPEC §7); returns how many it goes to.
 * Call inside the caller's transaction.
 */
export function sendPreviewToTrainers(sqlite: Sqlite.Database, preview: AwardsPreview, dedupeKey: string, now: number): number {
  const campId = preview.config.id;
  const touser = rosterOf(sqlite, campId).filter((m) => m.roles.includes('trainer')).map((m) => m.userid);
  if (touser.length === 0) return 0;
  const payload = { touser, message: { msgtype: 'text' as const, content: awardPreviewText(preview) } };
  enqueueOutbound(sqlite, { campId, kind: 'app', payload, dedupeKey }, now);
  return touser.length;
}
