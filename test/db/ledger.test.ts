import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import { openDatabase, type Database } from '../../src/db/open-database.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { bindAuditKey } from '../../src/db/audit-key.js';
import { headMac, readLedgerHead, signLedgerHead } from '../../src/db/ledger-head.js';
import type { NewEvent } from '../../src/db/event-types.js';

const KEY = 'audit-secret-for-tests-0123456789';
const exam = (userid: string, num: number, dedupeKey?: string): NewEvent => ({
  campId: 'c1', type: 'exam', userid, num, ref: 'final', actor: 'import', source: 'import', happenedAt: 1_000, dedupeKey,
});
const count = (database: Database): number => (database.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

describe('ledger', () => {
  let database: Database;
  beforeEach(() => {
    database = openDatabase(':memory:');
  });
  afterEach(() => database.close());

  it('chains each event to the one before it, with gapless ids that the head follows', () => {
    const first = appendEvent(database.sqlite, exam('u1', 80), 2_000);
    const second = appendEvent(database.sqlite, exam('u2', 90), 2_001);
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(second.prevHash).toBe(first.hash);
    expect(readLedgerHead(database.sqlite)).toEqual({ lastId: 2, lastHash: second.hash, count: 2, mac: null });
    expect(verifyChain(database.sqlite)).toEqual({ ok: true, count: 2, signed: false });
  });

  it('records a dedupe key once', () => {
    const first = appendEvent(database.sqlite, exam('u1', 80, 'k'), 2_000);
    const again = appendEvent(database.sqlite, exam('u1', 80, 'k'), 2_001);
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(count(database)).toBe(1);
    expect(readLedgerHead(database.sqlite)).toMatchObject({ lastId: 1, count: 1 });
  });

  it('moves the head with the event in one transaction: a rolled-back append leaves both as they were', () => {
    appendEvent(database.sqlite, exam('u1', 80), 2_000);
    const before = readLedgerHead(database.sqlite);
    expect(() => database.sqlite.transaction(() => {
      appendEvent(database.sqlite, exam('u2', 90), 2_001);
      throw new Error('the callback failed');
    })()).toThrow('the callback failed');
    expect(readLedgerHead(database.sqlite)).toEqual(before);
    expect(appendEvent(database.sqlite, exam('u3', 70), 2_002).id).toBe(2);
    expect(verifyChain(database.sqlite).ok).toBe(true);
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

  it('stores a lone surrogate well-formed, so the stored row still matches its hash', () => {
    const stored = appendEvent(database.sqlite, { ...exam('u1', 80), note: '需求\ud800分析' }, 2_000);
    expect(stored.note).toBe('需求\ufffd分析');
    expect(database.sqlite.prepare('SELECT note FROM events').get()).toEqual({ note: '需求\ufffd分析' });
    expect(verifyChain(database.sqlite)).toMatchObject({ ok: true });
  });
});

describe('ledger head signed with AUDIT_SECRET', () => {
  const cleanups: Database[] = [];
  const open = (auditSecret: string | null): Database => {
    const database = openDatabase(':memory:', { auditSecret });
    cleanups.push(database);
    return database;
  };
  afterEach(() => {
    for (const database of cleanups.splice(0)) database.close();
  });

  it('signs every append and verifies the signature', () => {
    const database = open(KEY);
    const stored = appendEvent(database.sqlite, exam('u1', 80), 2_000);
    const head = readLedgerHead(database.sqlite)!;
    expect(head.mac).toBe(headMac({ lastId: 1, lastHash: stored.hash, count: 1 }, KEY));
    expect(verifyChain(database.sqlite)).toEqual({ ok: true, count: 1, signed: true });
    expect(verifyChain(database.sqlite, 'another-key-of-enough-length')).toMatchObject({ ok: false, reason: expect.stringContaining('签名不符') });
  });

  it('refuses to extend a head it cannot vouch for, and appends nothing', () => {
    const database = open(KEY);
    appendEvent(database.sqlite, exam('u1', 80), 2_000);
    database.sqlite.prepare(`UPDATE ledger_head SET mac = ?`).run('00'.repeat(32));
    expect(() => appendEvent(database.sqlite, exam('u2', 80), 2_001)).toThrow(LedgerError);
    database.sqlite.prepare(`UPDATE ledger_head SET mac = NULL`).run(); // stripped, hoping the next append signs it
    expect(() => appendEvent(database.sqlite, exam('u2', 80), 2_001)).toThrow(/账本头未签名/);
    expect(count(database)).toBe(1);
  });

  it('without the key, refuses to append to a signed head rather than drop its signature', () => {
    const database = open(KEY);
    appendEvent(database.sqlite, exam('u1', 80), 2_000);
    bindAuditKey(database.sqlite, null); // a process started without AUDIT_SECRET
    expect(() => appendEvent(database.sqlite, exam('u2', 80), 2_001)).toThrow(/账本头已用 AUDIT_SECRET 签名/);
    expect(count(database)).toBe(1);
  });

  it('signs an unsigned head once (an upgraded database), keeping the ledger as it is', () => {
    const database = open(null);
    appendEvent(database.sqlite, exam('u1', 80), 2_000);
    expect(signLedgerHead(database.sqlite, 3_000)).toBe(false); // no key: nothing to sign with
    bindAuditKey(database.sqlite, KEY); // restarted with AUDIT_SECRET
    expect(() => appendEvent(database.sqlite, exam('u2', 80), 2_001)).toThrow(/账本头未签名/);
    expect(signLedgerHead(database.sqlite, 3_000)).toBe(true);
    expect(signLedgerHead(database.sqlite, 3_001)).toBe(false);
    expect(appendEvent(database.sqlite, exam('u2', 80), 2_001).id).toBe(2);
    expect(verifyChain(database.sqlite)).toEqual({ ok: true, count: 2, signed: true });
    bindAuditKey(database.sqlite, 'another-key-of-enough-length');
    expect(() => signLedgerHead(database.sqlite, 3_002)).toThrow(/签名不符/);
  });
});
