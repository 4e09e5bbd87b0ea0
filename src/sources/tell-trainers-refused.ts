import type { Db } from '../db/db.js';
import { trainersOf } from '../db/roster-store.js';
import type { WeComApiError } from '../errors.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';
import { describeSource, type Source } from './camp-sources.js';
import { refusalFix } from './refusal-fix.js';

/**
 * Queues, once per source and errcode, an app message to the camp's trainers saying WeCom refused the source and how
 * to fix it; returns how many trainers it goes to (0 when told before or there are none). Call inside a transaction.
 */
export async function tellTrainersRefused(tx: Db, campId: string, source: Source, error: WeComApiError, now: number): Promise<number> {
  const touser = await trainersOf(tx, campId);
  if (touser.length === 0) return 0;
  const content = `⚠️ 训练营 ${campId} 无法从企业微信读取${describeSource(source)}（errcode ${error.errcode}）。${refusalFix(source, error)}`;
  const dedupeKey = `sources:refused:${campId}:${source.kind}:${source.id}:${error.errcode}`;
  const queued = await enqueueOutbound(tx, { campId, kind: 'app', payload: { touser, message: { msgtype: 'text', content } }, dedupeKey }, now);
  return queued.duplicate ? 0 : touser.length;
}
