import type Sqlite from 'better-sqlite3';
import { auditKeyOf } from './audit-key.js';
import { CHAIN_COLUMNS, COLUMNS, eventHash, type Row } from './event-hash.js';
import type { NewEvent, StoredEvent } from './event-types.js';
import { chainWalk, type ChainProblem, type ChainRow } from './chain-walk.js';
import { eventsTriggers, triggerProblem } from './ledger-guards.js';
import { assertExtendable, readLedgerHead, requireLedgerHead, writeLedgerHead } from './ledger-head.js';
import { prepared } from './prepared.js';
import { runInTransaction } from './run-in-transaction.js';

export { GENESIS_HASH, eventHash } from './event-hash.js';

const INSERT_SQL = `INSERT INTO events (id, ${COLUMNS.join(', ')}, prev_hash, hash)
  VALUES (@id, ${COLUMNS.map((c) => '@' + c).join(', ')}, @prev_hash, @hash)`;
const BY_DEDUPE_SQL = 'SELECT id FROM events WHERE dedupe_key = ?';

/**
 * Appends one event to the hash chain and returns it with its id. Call inside the caller's transaction so the
 * event commits with the state change around it (alone, it runs in its own). The event takes the id after the
 * ledger head's and moves the head, signed when the handle has an audit key. An event whose dedupeKey is already
 * recorded is not appended again: the existing id is returned with `duplicate: true`.
 */
export function appendEvent(
  sqlite: Sqlite.Database,
  raw: NewEvent,
  recordedAt: number,
): StoredEvent & { duplicate: boolean } {
  const event = wellFormed(raw);
  if (event.dedupeKey) {
    const existing = prepared<[string], { id: number }>(sqlite, BY_DEDUPE_SQL).get(event.dedupeKey);
    if (existing) return { ...toStored(event, recordedAt, existing.id, '', ''), duplicate: true };
  }
  const append = (): StoredEvent => {
    const key = auditKeyOf(sqlite);
    const head = requireLedgerHead(sqlite);
    assertExtendable(head, key);
    const row = rowOf(event, recordedAt);
    const id = head.lastId + 1;
    const hash = eventHash(head.lastHash, row);
    prepared<[Record<string, unknown>]>(sqlite, INSERT_SQL).run({ ...row, id, prev_hash: head.lastHash, hash });
    writeLedgerHead(sqlite, { lastId: id, lastHash: hash, count: head.count + 1 }, key, recordedAt);
    return toStored(event, recordedAt, id, head.lastHash, hash);
  };
  // Alone, it takes the write lock before reading the head, so no other writer can move the head in between.
  return { ...(sqlite.inTransaction ? append() : sqlite.transaction(append).immediate()), duplicate: false };
}

// SQLite would store a lone surrogate (AI-bot JSON can carry one) as U+FFFD, and the row would no longer match its hash.
const wellFormedOrNull = (value: string | null | undefined): string | null => value?.toWellFormed() ?? null;

/** The event with every text well-formed, as it will be hashed and stored. */
function wellFormed(event: NewEvent): NewEvent {
  return {
    ...event,
    campId: event.campId.toWellFormed(),
    userid: wellFormedOrNull(event.userid),
    text: wellFormedOrNull(event.text),
    ref: wellFormedOrNull(event.ref),
    actor: event.actor.toWellFormed(),
    note: wellFormedOrNull(event.note),
    dedupeKey: wellFormedOrNull(event.dedupeKey),
  };
}

function rowOf(event: NewEvent, recordedAt: number): Row {
  return {
    camp_id: event.campId,
    type: event.type,
    userid: event.userid ?? null,
    num: event.num ?? null,
    text: event.text ?? null,
    ref: event.ref ?? null,
    actor: event.actor,
    source: event.source,
    happened_at: event.happenedAt,
    recorded_at: recordedAt,
    revokes: event.revokes ?? null,
    note: event.note ?? null,
    dedupe_key: event.dedupeKey ?? null,
  };
}

function toStored(event: NewEvent, recordedAt: number, id: number, prevHash: string, hash: string): StoredEvent {
  return {
    id,
    campId: event.campId,
    type: event.type,
    userid: event.userid ?? null,
    num: event.num ?? null,
    text: event.text ?? null,
    ref: event.ref ?? null,
    actor: event.actor,
    source: event.source,
    happenedAt: event.happenedAt,
    revokes: event.revokes ?? null,
    note: event.note ?? null,
    dedupeKey: event.dedupeKey ?? null,
    recordedAt,
    prevHash,
    hash,
  };
}

export type ChainCheck =
  | { ok: true; count: number; signed: boolean }
  | { ok: false; count: number; eventId: number | null; reason: string };

/**
 * Checks the whole ledger, reading one row at a time in one snapshot: every link and hash, gapless ids, that the
 * walk ends at the ledger head (so removing the newest events shows), the head's signature when there is an audit
 * key, and the append-only triggers. Reports the first problem. Only reads.
 * @example const check = verifyChain(sqlite); if (!check.ok) console.log(check.eventId, check.reason);
 */
export function verifyChain(sqlite: Sqlite.Database, key: string | null = auditKeyOf(sqlite)): ChainCheck {
  return runInTransaction(sqlite, (): ChainCheck => {
    const walk = chainWalk();
    const rows = sqlite.prepare<[], ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM events ORDER BY id`).iterate();
    for (const row of rows) {
      const problem = walk.step(row);
      if (problem) return { ok: false, count: walk.count, ...problem };
    }
    const problem = walk.finish(readLedgerHead(sqlite), key) ?? guardProblem(sqlite);
    if (problem) return { ok: false, count: walk.count, ...problem };
    return { ok: true, count: walk.count, signed: key !== null };
  });
}

function guardProblem(sqlite: Sqlite.Database): ChainProblem | null {
  const reason = triggerProblem(eventsTriggers(sqlite));
  return reason ? { eventId: null, reason } : null;
}
