import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import { executorOf, transaction, type Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { bindAuditKey } from '../../src/db/audit-key.js';
import { headMac, readLedgerHead, signLedgerHead } from '../../src/db/ledger-head.js';
import type { NewEvent } from '../../src/db/event-types.js';
import { listEvents } from '../../src/db/list-events.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const KEY = 'audit-secret-for-tests-0123456789';
const exam = (userid: string, num: number, dedupeKey?: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});
const count = async (store: Store): Promise<number> => (await listEvents(store)).length;
const dropTrigger = (name: string): string => (testEngine() === 'sqlite' ? `DROP TRIGGER ${name}` : `DROP TRIGGER ${name} ON events`);

describe(`ledger (${testEngine()})`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.close());

  it('chains each event to the one before it, with gapless ids that the head follows', async () => {
    const first = await appendEvent(store, exam('u1', 80), 2_000);
    const second = await appendEvent(store, exam('u2', 90), 2_001);
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(second.prevHash).toBe(first.hash);
    expect(await readLedgerHead(store)).toEqual({ lastId: 2, lastHash: second.hash, count: 2, mac: null });
    expect(await verifyChain(store)).toEqual({ ok: true, count: 2, signed: false });
  });

  it('records a dedupe key once', async () => {
    const first = await appendEvent(store, exam('u1', 80, 'k'), 2_000);
    const again = await appendEvent(store, exam('u1', 80, 'k'), 2_001);
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(await count(store)).toBe(1);
    expect(await readLedgerHead(store)).toMatchObject({ lastId: 1, count: 1 });
  });

  it('moves the head with the event in one transaction: a rolled-back append leaves both as they were', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    const before = await readLedgerHead(store);
    await expect(transaction(store, async (tx) => {
      await appendEvent(tx, exam('u2', 90), 2_001);
      throw new Error('the callback failed');
    })).rejects.toThrow('the callback failed');
    expect(await readLedgerHead(store)).toEqual(before);
    expect((await appendEvent(store, exam('u3', 70), 2_002)).id).toBe(2);
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('refuses updates and deletes', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    await expect(executorOf(store).run('UPDATE events SET num = 100')).rejects.toThrow(/append-only/);
    await expect(executorOf(store).run('DELETE FROM events')).rejects.toThrow(/append-only/);
    expect(await count(store)).toBe(1);
  });

  it.runIf(testEngine() === 'postgres')('refuses TRUNCATE (PostgreSQL skips row triggers for it)', async () => {
    await appendEvent(store, exam('u1', 80), 2_000);
    await expect(executorOf(store).run('TRUNCATE events')).rejects.toThrow(/append-only/);
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
    const stored = await appendEvent(store, exam('u1', 80), 2_000);
    const head = (await readLedgerHead(store))!;
    expect(head.mac).toBe(headMac({ lastId: 1, lastHash: stored.hash, count: 1 }, KEY));
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
