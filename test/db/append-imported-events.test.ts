import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendImportedEvents } from '../../src/db/append-imported-events.js';
import type { NewEvent } from '../../src/db/event-types.js';
import type { Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';

const exam = (userid: string, dedupeKey: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num: 80, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});

describe('appendImportedEvents', () => {
  let temp: SharedTestDb;
  let writer: Store;
  /** A second connection: it sees only what the writer committed. */
  let reader: Store;
  const countSeenBy = async (store: Store): Promise<number> => (await listEvents(store)).length;
  beforeEach(async () => {
    temp = await sharedTestDb();
    writer = await temp.open();
    reader = await temp.open();
  });
  afterEach(() => temp.cleanup());

  it('appends to the chain and counts keys already recorded', async () => {
    await appendEvent(writer, exam('u1', 'k1'), 500);
    const counts = await appendImportedEvents(writer, [exam('u1', 'k1'), exam('u2', 'k2'), exam('u2', 'k2')], 2_000);
    expect(counts).toEqual({ recorded: 1, duplicates: 2 });
    expect(await verifyChain(reader)).toEqual({ ok: true, count: 2, signed: false });
  });

  it('shows readers no event until the last one is written', async () => {
    const seen: number[] = [];
    async function* events(): AsyncGenerator<NewEvent> {
      for (let i = 0; i < 3; i += 1) {
        yield exam(`u${i}`, `k${i}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(await countSeenBy(reader));
      }
    }
    await appendImportedEvents(writer, events(), 2_000);
    expect([seen, await countSeenBy(reader)]).toEqual([[0, 0, 0], 3]);
  });

  it('keeps nothing when the events fail part way, and leaves the handle usable', async () => {
    function* events(): Generator<NewEvent> {
      yield exam('u1', 'k1');
      throw new Error('line 3 changed');
    }
    await expect(appendImportedEvents(writer, events(), 2_000)).rejects.toThrow('line 3 changed');
    expect(await countSeenBy(writer)).toBe(0);
    expect(await appendImportedEvents(writer, [exam('u1', 'k1')], 2_000)).toEqual({ recorded: 1, duplicates: 0 });
  });
});
