import { createHash } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import type { NewEvent, StoredEvent } from './event-types.js';
import { prepared } from './prepared.js';

export const GENESIS_HASH = '0'.repeat(64);

const COLUMNS = [
  'camp_id', 'type', 'userid', 'num', 'text', 'ref', 'actor', 'source',
  'happened_at', 'recorded_at', 'revokes', 'note', 'dedupe_key',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | null>;

/** The chain link: sha256 over the previous hash and the event's content columns, in a fixed order. */
export function eventHash(prevHash: string, row: Row): string {
  const content = JSON.stringify(COLUMNS.map((column) => row[column] ?? null));
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

const LAST_HASH_SQL = 'SELECT hash FROM events ORDER BY id DESC LIMIT 1';
const INSERT_SQL = `INSERT INTO events (${COLUMNS.join(', ')}, prev_hash, hash)
  VALUES (${COLUMNS.map((c) => '@' + c).join(', ')}, @prev_hash, @hash)`;
const BY_DEDUPE_SQL = 'SELECT id FROM events WHERE dedupe_key = ?';

/**
 * Appends one event to the hash chain and returns it with its id. Call inside the caller's transaction so the
 * event commits with the state change around it. An event whose dedupeKey is already recorded is not appended
 * again: the existing id is returned with `duplicate: true`.
 */
export function appendEvent(sqlite: Sqlite.Database, event: NewEvent, recordedAt: number): StoredEvent & { duplicate: boolean } {
  if (event.dedupeKey) {
    const existing = prepared<[string], { id: number }>(sqlite, BY_DEDUPE_SQL).get(event.dedupeKey);
    if (existing) return { ...toStored(event, recordedAt, existing.id, '', ''), duplicate: true };
  }
  const row: Row = {
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
  const prevHash = prepared<[], { hash: string }>(sqlite, LAST_HASH_SQL).get()?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, row);
  const { lastInsertRowid } = prepared<[Record<string, unknown>]>(sqlite, INSERT_SQL).run({ ...row, prev_hash: prevHash, hash });
  return { ...toStored(event, recordedAt, Number(lastInsertRowid), prevHash, hash), duplicate: false };
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

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; eventId: number; reason: string };

/** Walks the whole ledger in id order and recomputes every link; reports the first event that does not match. */
export function verifyChain(sqlite: Sqlite.Database): ChainCheck {
  let prevHash = GENESIS_HASH;
  let count = 0;
  const rows = sqlite.prepare(`SELECT id, ${COLUMNS.join(', ')}, prev_hash, hash FROM events ORDER BY id`).iterate();
  for (const raw of rows) {
    const row = raw as Row & { id: number; prev_hash: string; hash: string };
    count += 1;
    if (row.prev_hash !== prevHash) {
      return { ok: false, count, eventId: row.id, reason: 'prev_hash does not match the previous event (a row was removed or reordered)' };
    }
    if (eventHash(prevHash, row) !== row.hash) {
      return { ok: false, count, eventId: row.id, reason: 'content does not match its hash (the row was edited)' };
    }
    prevHash = row.hash;
  }
  return { ok: true, count };
}
