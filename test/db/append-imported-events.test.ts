import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendImportedEvents } from '../../src/db/append-imported-events.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { tempDbFile } from '../support/temp-db-file.js';

const exam = (userid: string, dedupeKey: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num: 80, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});

describe('appendImportedEvents', () => {
  let temp: ReturnType<typeof tempDbFile>;
  let writer: Database;
  let reader: Database;
  const countSeenBy = (database: Database): number => (database.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  beforeEach(() => {
    temp = tempDbFile();
    writer = openDatabase(temp.file);
    reader = openDatabase(temp.file);
  });
  afterEach(() => {
    writer.close();
    reader.close();
    temp.cleanup();
  });

  it('appends to the chain and counts keys already recorded', async () => {
    appendEvent(writer.sqlite, exam('u1', 'k1'), 500);
    const counts = await appendImportedEvents(writer.sqlite, [exam('u1', 'k1'), exam('u2', 'k2'), exam('u2', 'k2')], 2_000);
    expect(counts).toEqual({ recorded: 1, duplicates: 2 });
    expect(verifyChain(reader.sqlite)).toEqual({ ok: true, count: 2 });
  });

  it('shows readers no event until the last one is written', async () => {
    const seen: number[] = [];
    async function* events(): AsyncGenerator<NewEvent> {
      for (let i = 0; i < 3; i += 1) {
        yield exam(`u${i}`, `k${i}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(countSeenBy(reader));
      }
    }
    await appendImportedEvents(writer.sqlite, events(), 2_000);
    expect([seen, countSeenBy(reader)]).toEqual([[0, 0, 0], 3]);
  });

  it('keeps nothing when the events fail part way, and leaves the handle usable', async () => {
    function* events(): Generator<NewEvent> {
      yield exam('u1', 'k1');
      throw new Error('line 3 changed');
    }
    await expect(appendImportedEvents(writer.sqlite, events(), 2_000)).rejects.toThrow('line 3 changed');
    expect([countSeenBy(writer), writer.sqlite.inTransaction]).toEqual([0, false]);
    expect(await appendImportedEvents(writer.sqlite, [exam('u1', 'k1')], 2_000)).toEqual({ recorded: 1, duplicates: 0 });
  });
});
