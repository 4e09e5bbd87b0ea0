import type { Db } from '../db/db.js';
import { insertSourceRequest, type SourceRequest } from '../db/created-sources.js';
import { enqueueOutbound } from '../outbox/enqueue-outbound.js';

/**
 * Asks for a WeCom live or meeting to be created for the camp: records the request and queues its creation in the
 * caller's transaction. The outbox worker calls WeCom after the commit (never inside a transaction), links what WeCom
 * created as a source, and posts the link. Returns the request's id.
 * @example await requestSource(ctx.db, { campId, kind: 'meeting', target: '第3课', … }, ctx.now);
 */
export async function requestSource(tx: Db, request: SourceRequest, now: number): Promise<number> {
  const sourceId = await insertSourceRequest(tx, request, now);
  await enqueueOutbound(tx, { campId: request.campId, kind: 'create-source', payload: { sourceId }, dedupeKey: `create-source:${sourceId}` }, now);
  return sourceId;
}
