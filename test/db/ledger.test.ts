import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import { executorOf, transaction, type Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { bindAuditKey } from '../../src/db/audit-key.js';
import { headMac, readLedgerHead, signLedgerHead } from '../../src/db/ledger-head.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { listEvents } from '../../src/db/list-events.js';
import { openPostgresStore } from '../../src/db/postgres/open-postgres-store.js';
import { freshPostgresSchema, openTestStore, testEngine } from '../support/test-store.js';

const KEY = 'audit-secret-for-tests-0123456789';
const exam = (userid: string, num: number, dedupeKey?: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});
const count = async (store: Store): Promise<number> => (await listEvents(store)).length;
interface Link { seq: number; eventId: number; prevHash: string; hash: string }
const links = (store: Store): Promise<Link[]> => executorOf(store).all<Link>(
  'SELECT seq, event_id AS "eventId", prev_hash AS "prevHash", hash FROM ledger_chain ORDER BY seq',
);
const dropTrigger = (name: string): string => (testEngine() === 'sqlite' ? `DROP TRIGGER ${name}` : `DROP TRIGGER ${name} ON events`);

describe(`ledger (${testEngine()})`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.close());

  it('chains each event to the one before it as it commits, with gapless seqs that the head follows', async () => {
    const first = await appendEvent(store, exam('u1', 80), 2_000);
    const second = await appendEvent(store, exam('u2', 90), 2_001);
    expect([first.id, second.id]).toEqual([1, 2]);
    const [one, two] = await links(store);
    expect([one!.seq, one!.eventId, two!.seq, two!.eventId]).toEqual([1, 1, 2, 2]);
    expect(two!.prevHash).toBe(one!.hash);
    expect(await readLedgerHead(store)).toEqual({ lastSeq: 2, lastHash: two!.hash, count: 2, mac: null });
    expect(await verifyChain(store)).toEqual({ ok: true, count: 2, signed: false });
  });

  it('records a dedupe key once', async () => {
    const first = await appendEvent(store, exam('u1', 80, 'k'), 2_000);
    const again = await appendEvent(store, exam('u1', 80, 'k'), 2_001);
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(await count(store)).toBe(1);
    expect(await readLedgerHead(store)).toMatchObject({ lastSeq: 1, count: 1 });
  });

  it('moves the head with the event in one transaction: a rolled-back append leaves both as they were', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    const before = await readLedgerHead(store);
    await expect(transaction(store, async (tx) => {
      await appendEvent(tx, exam('u2', 90), 2_001);
      throw new Error('the callback failed');
    })).rejects.toThrow('the callback failed');
    expect(await readLedgerHead(store)).toEqual(before);
    await appendEvent(store, exam('u3', 70), 2_002); // its id may skip the rolled-back one's (PostgreSQL), its link may not
    expect(await readLedgerHead(store)).toMatchObject({ lastSeq: 2, count: 2 });
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('seals only what stands: events appended in a savepoint that rolled back are left out of the chain', async () => {
    const kept = await transaction(store, async (tx) => {
      const first = await appendEvent(tx, exam('u1', 80), 2_000);
      await expect(transaction(tx, async (savepoint) => {
        await appendEvent(savepoint, exam('u2', 90), 2_001);
        throw new Error('this message failed');
      })).rejects.toThrow('this message failed');
      const third = await appendEvent(tx, exam('u3', 70), 2_002);
      return [first.id, third.id];
    });
    expect((await links(store)).map((link) => link.eventId)).toEqual(kept);
    expect((await listEvents(store)).map((event) => event.userid)).toEqual(['u1', 'u3']);
    expect(await verifyChain(store)).toEqual({ ok: true, count: 2, signed: false });
  });

  it('reports an event inserted without the seal', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    await executorOf(store).run(`INSERT INTO events (camp_id, type, userid, num, ref, actor, source, happened_at, recorded_at)
      VALUES ('c1', 'exam', 'u9', 100, 'final', 'import', 'import', 1000, 2001)`);
    const [forged] = await listEvents(store, { userid: 'u9' });
    expect(await verifyChain(store)).toEqual({ ok: false, count: 1, eventId: forged!.id, reason: '这条事件不在哈希链上：不是由 camp-bot 追加的' });
  });

  it('refuses updates and deletes of events and links', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    await expect(executorOf(store).run('UPDATE events SET num = 100')).rejects.toThrow(/append-only/);
    await expect(executorOf(store).run('DELETE FROM events')).rejects.toThrow(/append-only/);
    await expect(executorOf(store).run(`UPDATE ledger_chain SET hash = '00'`)).rejects.toThrow(/append-only/);
    await expect(executorOf(store).run('DELETE FROM ledger_chain')).rejects.toThrow(/append-only/);
    expect(await count(store)).toBe(1);
    expect(await links(store)).toHaveLength(1);
  });

  it.runIf(testEngine() === 'postgres')('refuses TRUNCATE (PostgreSQL skips row triggers for it)', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    await expect(executorOf(store).run('TRUNCATE events')).rejects.toThrow(/append-only|foreign key/);
    await expect(executorOf(store).run('TRUNCATE ledger_chain')).rejects.toThrow(/append-only/);
    await expect(executorOf(store).run('TRUNCATE events, ledger_chain')).rejects.toThrow(/append-only/);
    expect(await count(store)).toBe(1);
  });

  it('names the first edited event', async () => {
    for (const [i, u] of ['u1', 'u2', 'u3'].entries()) await appendEvent(store, exam(u, 70 + i), 2_000 + i);
    await executorOf(store).run(dropTrigger('events_no_update'));
    await executorOf(store).run('UPDATE events SET num = 100 WHERE id = 2');
    expect(await verifyChain(store)).toMatchObject({ ok: false, eventId: 2 });
  });

  it('stores a lone surrogate well-formed, so the stored row still matches its hash', async () => {
    const stored = await appendEvent(store, { ...exam('u1', 80), note: '需求\ud800分析' }, 2_000);
    expect(stored.note).toBe('需求\ufffd分析');
    expect((await listEvents(store)).map((e) => e.note)).toEqual(['需求\ufffd分析']);
    expect(await verifyChain(store)).toMatchObject({ ok: true });
  });
});

describe(`ledger head signed with AUDIT_SECRET (${testEngine()})`, () => {
  const cleanups: Store[] = [];
  const open = async (auditSecret: string | null): Promise<Store> => {
    const store = await openTestStore();
    cleanups.push(store);
    bindAuditKey(store, auditSecret);
    return store;
  };
  afterEach(async () => {
    for (const store of cleanups.splice(0)) await store.close();
  });

  it('signs every append and verifies the signature', async () => {
    const store = await open(KEY);
    await appendEvent(store, exam('u1', 80), 2_000);
    const head = (await readLedgerHead(store))!;
    expect(head.mac).toBe(headMac({ lastSeq: 1, lastHash: (await links(store))[0]!.hash, count: 1 }, KEY));
    expect(await verifyChain(store)).toEqual({ ok: true, count: 1, signed: true });
    expect(await verifyChain(store, 'another-key-of-enough-length')).toMatchObject({ ok: false, reason: expect.stringContaining('签名不符') });
  });

  it('refuses to extend a head it cannot vouch for, and appends nothing', async () => {
    const store = await open(KEY);
    await appendEvent(store, exam('u1', 80), 2_000);
    await executorOf(store).run('UPDATE ledger_head SET mac = ?', ['00'.repeat(32)]);
    await expect(appendEvent(store, exam('u2', 80), 2_001)).rejects.toThrow(LedgerError);
    await executorOf(store).run('UPDATE ledger_head SET mac = NULL'); // stripped, hoping the next append signs it
    await expect(appendEvent(store, exam('u2', 80), 2_001)).rejects.toThrow(/账本头未签名/);
    expect(await count(store)).toBe(1);
  });

  it('without the key, refuses to append to a signed head rather than drop its signature', async () => {
    const store = await open(KEY);
    await appendEvent(store, exam('u1', 80), 2_000);
    bindAuditKey(store, null); // a process started without AUDIT_SECRET
    await expect(appendEvent(store, exam('u2', 80), 2_001)).rejects.toThrow(/账本头已用 AUDIT_SECRET 签名/);
    expect(await count(store)).toBe(1);
  });

  it('signs an unsigned head once (an upgraded database), keeping the ledger as it is', async () => {
    const store = await open(null);
    await appendEvent(store, exam('u1', 80), 2_000);
    expect(await signLedgerHead(store, 3_000)).toBe(false); // no key: nothing to sign with
    bindAuditKey(store, KEY); // restarted with AUDIT_SECRET
    await expect(appendEvent(store, exam('u2', 80), 2_001)).rejects.toThrow(/账本头未签名/);
    expect(await signLedgerHead(store, 3_000)).toBe(true);
    expect(await signLedgerHead(store, 3_001)).toBe(false);
    expect((await appendEvent(store, exam('u2', 80), 2_001)).id).toBe(2);
    expect(await verifyChain(store)).toEqual({ ok: true, count: 2, signed: true });
    bindAuditKey(store, 'another-key-of-enough-length');
    await expect(signLedgerHead(store, 3_002)).rejects.toThrow(/签名不符/);
  });
});

/** A promise (`fired`) and the function that settles it (`fire`), to order two transactions' steps. */
function signal(): { fire: () => void; fired: Promise<void> } {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

// Two instances on one PostgreSQL database: their transactions append side by side, and the chain follows commits.
describe.runIf(testEngine() === 'postgres')('ledger appended by two stores at once (postgres)', () => {
  let schema: { url: string; drop: () => Promise<void> };
  let stores: Store[];
  beforeEach(async () => {
    schema = await freshPostgresSchema();
    stores = [await openPostgresStore(schema.url, { maxConnections: 2 }), await openPostgresStore(schema.url, { maxConnections: 2 })];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await schema.drop();
  });

  it('interleaved appends that both commit form one valid chain in commit order', async () => {
    const [a, b] = stores as [Store, Store];
    const { fire: bCommitted, fired: afterB } = signal();
    const { fire: aAppended, fired: afterA } = signal();
    const first = transaction(a, async (tx) => {
      const ids = [(await appendEvent(tx, exam('a1', 80), 2_000)).id];
      aAppended();
      await afterB; // still open while b appends and commits: the head is not held until a's own commit
      ids.push((await appendEvent(tx, exam('a2', 81), 2_003)).id);
      return ids;
    });
    await afterA;
    const second = await transaction(b, async (tx) => [
      (await appendEvent(tx, exam('b1', 90), 2_001)).id,
      (await appendEvent(tx, exam('b2', 91), 2_002)).id,
    ]);
    bCommitted();
    const firstIds = await first;
    expect((await links(a)).map((link) => link.eventId)).toEqual([...second, ...firstIds]);
    expect(firstIds[0]).toBeLessThan(second[0]!); // ids follow inserts, the chain follows commits
    expect(await verifyChain(a)).toEqual({ ok: true, count: 4, signed: false });
  });

  it('many concurrent transactions on both stores commit into one chain', async () => {
    const appends = Array.from({ length: 40 }, (_, i) => transaction(stores[i % 2]!, async (tx) => {
      await appendEvent(tx, exam(`u${i}`, i), 2_000 + i);
      await appendEvent(tx, exam(`v${i}`, i), 2_000 + i);
    }));
    await Promise.all(appends);
    expect(await verifyChain(stores[1]!)).toEqual({ ok: true, count: 80, signed: false });
    expect(await readLedgerHead(stores[0]!)).toMatchObject({ lastSeq: 80, count: 80 });
  });

  it('an event whose id is not its place has its id hashed: swapping two ids shows', async () => {
    const [a, b] = stores as [Store, Store];
    const { fire: bCommitted, fired: afterB } = signal();
    const { fire: aAppended, fired: afterA } = signal();
    const first = transaction(a, async (tx) => {
      await appendEvent(tx, exam('a1', 80), 2_000); // id 1, committed second: link 2
      aAppended();
      await afterB;
    });
    await afterA;
    await appendEvent(b, exam('b1', 90), 2_001); // id 2, committed first: link 1
    bCommitted();
    await first;
    expect((await links(a)).map((link) => link.eventId)).toEqual([2, 1]);
    expect(await verifyChain(a)).toMatchObject({ ok: true });
    const swap = (table: string, column: string): string[] => [
      `UPDATE ${table} SET ${column} = -1 WHERE ${column} = 1`, `UPDATE ${table} SET ${column} = 1 WHERE ${column} = 2`,
      `UPDATE ${table} SET ${column} = 2 WHERE ${column} = -1`,
    ];
    for (const sql of [
      'ALTER TABLE events DISABLE TRIGGER USER', 'ALTER TABLE ledger_chain DISABLE TRIGGER USER',
      'ALTER TABLE ledger_chain DROP CONSTRAINT ledger_chain_event_id_events_id_fk',
      ...swap('events', 'id'), ...swap('ledger_chain', 'event_id'),
    ]) await executorOf(a).run(sql);
    // Each link still names the content it was made for; only the ids moved.
    expect((await links(a)).map((link) => link.eventId)).toEqual([1, 2]);
    expect(await verifyChain(a)).toMatchObject({ ok: false, eventId: 1, reason: '内容与哈希不符（该事件被修改）' });
  });
});
