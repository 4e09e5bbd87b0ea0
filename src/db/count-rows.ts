import { executorOf, type Db } from './db.js';

export interface EventCountFilter {
  campId?: string;
  type?: string;
  /** Only events not from this source (e.g. what the pipeline recorded, leaving imports out). */
  notSource?: string;
}

/**
 * How many events the ledger holds, optionally of one camp and type; for operators, health lines and benchmarks
 * (`listEvents` reads the rows themselves).
 */
export async function countEvents(db: Db, filter: EventCountFilter = {}): Promise<number> {
  const where = ['1 = 1'];
  if (filter.campId !== undefined) where.push('camp_id = @campId');
  if (filter.type !== undefined) where.push('type = @type');
  if (filter.notSource !== undefined) where.push('source <> @notSource');
  const row = await executorOf(db).get<{ n: number }>(`SELECT count(*) AS "n" FROM events WHERE ${where.join(' AND ')}`, {
    campId: filter.campId ?? null, type: filter.type ?? null, notSource: filter.notSource ?? null,
  });
  return row?.n ?? 0;
}

/** How many callbacks are kept as processed (within the retention period). */
export async function countProcessedMessages(db: Db): Promise<number> {
  return (await executorOf(db).get<{ n: number }>('SELECT count(*) AS "n" FROM processed_messages'))?.n ?? 0;
}
