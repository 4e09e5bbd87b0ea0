import { executorOf, type Db } from '../../src/db/db.js';

/**
 * How many messages are marked processed. The storage layer looks messages up only by key, and a fuzz run cannot
 * list the keys it might have produced, so this test-only read counts them all.
 */
export async function processedMessageCount(db: Db): Promise<number> {
  const row = await executorOf(db).get<{ n: number }>('SELECT count(*) AS "n" FROM processed_messages');
  return row!.n;
}
