import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import type { NewEvent } from '../../src/db/event-types.js';

const exam = (userid: string, num: number, dedupeKey?: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});

describe('ledger', () => {
  let database: Database;
  beforeEach(() => {
    database = openDatabase(':memory:');
  });
  afterEach(() => database.close());

  it('chains each event to the one before it', () => {
    const first = appendEvent(database.sqlite, exam('u1', 80), 2_000);
    const second = appendEvent(database.sqlite, exam('u2', 90), 2_001);
    expect(second.prevHash).toBe(first.hash);
    expect(verifyChain(database.sqlite)).toEqual({ ok: true, count: 2 });
  });

  it('records a dedupe key once', () => {
    const first = appendEvent(database.sqlite, exam('u1', 80, 'k'), 2_000);
    const again = appendEvent(database.sqlite, exam('u1', 80, 'k'), 2_001);
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
  });

  it('refuses updates and deletes', () => {
    appendEvent(database.sqlite, exam('u1', 80), 2_000);
    expect(() => database.sqlite.prepare('UPDATE events SET num = 100').run()).toThrow(/append-only/);
    expect(() => database.sqlite.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('names the first edited event', () => {
    for (const [i, u] of ['u1', 'u2', 'u3'].entries()) appendEvent(database.sqlite, exam(u, 70 + i), 2_000 + i);
    database.sqlite.exec('DROP TRIGGER events_no_update');
    database.sqlite.prepare('UPDATE events SET num = 100 WHERE id = 2').run();
    expect(verifyChain(database.sqlite)).toMatchObject({ ok: false, eventId: 2 });
  });
});
