import { auditKeyOf } from './audit-key.js';
import { executorOf, transaction, type Db } from './db.js';
import { COLUMNS } from './event-hash.js';
import type { NewEvent, StoredEvent } from './event-types.js';
import { rowOf, toStored, wellFormed } from './event-row.js';
import { beyondHead, chainWalk, type ChainProblem, type ChainRow, type ChainWalk } from './chain-walk.js';
import { ledgerTriggers, triggerProblem } from './ledger-guards.js';
import { readLedgerHead } from './ledger-head.js';
import { assertAppendable, sealAtCommit } from './ledger-seal.js';
import { LedgerError } from '../errors.js';

export { GENESIS_HASH, eventHash, linkHash } from './event-hash.js';

const INSERT_SQL = `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})
  ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
const BY_DEDUPE_SQL = 'SELECT id FROM events WHERE dedupe_key = ?';

/**
 * Appends one event to the ledger and returns it with its id. Call inside the caller's transaction so the event
 * commits with the state change around it (alone, it runs in its own). The event takes its id from the database at
 * once, and reads in the transaction see it; its place in the hash chain is given just before the transaction
 * commits (`ledger-seal.ts`: the head is locked only then), so appends from any number of transactions and instances
 * run side by side and still form one chain. An event whose dedupeKey is already recorded (or being recorded by a
 * transaction that then commits) is not appended again: the existing id is returned with `duplicate: true`.
 */
export function appendEvent(db: Db, raw: NewEvent, recordedAt: number): Promise<StoredEvent & { duplicate: boolean }> {
  const event = wellFormed(raw);
  const append = async (tx: Db): Promise<StoredEvent & { duplicate: boolean }> => {
    const ex = executorOf(tx);
    await assertAppendable(tx);
    const row = rowOf(event, recordedAt);
    const inserted = await ex.get<{ id: number }>(INSERT_SQL, row);
    if (inserted) {
      sealAtCommit(tx, { id: inserted.id, row });
      return { ...toStored(event, recordedAt, inserted.id), duplicate: false };
    }
    const existing = await ex.get<{ id: number }>(BY_DEDUPE_SQL, [event.dedupeKey]);
    if (!existing) throw new LedgerError(`dedupe key ${event.dedupeKey} conflicted but is not recorded`);
    return { ...toStored(event, recordedAt, existing.id), duplicate: true };
  };
  // Inside a transaction a failure rolls back with the caller's work; alone, the append gets one of its own.
  return executorOf(db).inTransaction ? append(db) : transaction(db, append);
}

export type ChainCheck =
  | { ok: true; count: number; signed: boolean }
  | { ok: false; count: number; eventId: number | null; reason: string };

/** Links read per page: a ledger of any size is walked in constant memory. */
const PAGE = 5_000;

const WALK_SQL = `SELECT c.seq, c.event_id, c.prev_hash, c.hash, e.id, ${COLUMNS.map((c) => `e.${c}`).join(', ')}
  FROM ledger_chain c LEFT JOIN events e ON e.id = c.event_id`;

/**
 * Checks the whole ledger: the chain link by link in seq order (gapless seqs, each link names an existing event,
 * links to the one before and matches its content and id), that the walk ends at the ledger head (so removing the
 * newest events shows) and that no link lies beyond it, the head's signature when there is an audit key, that every
 * event has exactly one link (an event inserted without the seal shows), and the append-only triggers. The head is
 * read first and the walk stops at it, so appends by a running server meanwhile are not mistaken for anything.
 * Reports the first problem. Only reads.
 * @example const check = await verifyChain(store); if (!check.ok) console.log(check.eventId, check.reason);
 */
export async function verifyChain(db: Db, key: string | null = auditKeyOf(db)): Promise<ChainCheck> {
  const ex = executorOf(db);
  const head = await readLedgerHead(db);
  const walk = chainWalk();
  const upTo = head?.lastSeq ?? Number.MAX_SAFE_INTEGER;
  for (let after = 0; ;) {
    const rows = await ex.all<ChainRow>(`${WALK_SQL} WHERE c.seq > ? AND c.seq <= ? ORDER BY c.seq LIMIT ${PAGE}`, [after, upTo]);
    for (const row of rows) {
      const problem = walk.step(row);
      if (problem) return { ok: false, count: walk.count, ...problem };
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.seq;
  }
  const problem = (await renumberedProblem(db, walk, head?.lastSeq)) ?? walk.finish(head, key) ?? (await strayProblem(db))
    ?? (await unsealedProblem(db)) ?? (await doubledProblem(db)) ?? (await guardProblem(db));
  if (problem) return { ok: false, count: walk.count, ...problem };
  return { ok: true, count: walk.count, signed: key !== null };
}

/**
 * When the walk ended short of the head (links missing), the first link beyond the head, if any, shows the seqs
 * jumping there: links renumbered past the head, not the newest removed. An untouched ledger never gets here, so a
 * concurrent append cannot be mistaken for this.
 */
async function renumberedProblem(db: Db, walk: ChainWalk, headSeq: number | undefined): Promise<ChainProblem | null> {
  if (headSeq === undefined || walk.count >= headSeq) return null;
  const next = await executorOf(db).get<ChainRow>(`${WALK_SQL} WHERE c.seq > ? ORDER BY c.seq LIMIT 1`, [headSeq]);
  return next ? walk.step(next) : null;
}

/** A link beyond the head (in one statement, so a concurrent append cannot look like one): not made by camp-bot. */
async function strayProblem(db: Db): Promise<ChainProblem | null> {
  const row = await executorOf(db).get<{ maxSeq: number | null; eventId: number | null; lastSeq: number; count: number }>(
    `SELECT h.max_seq AS "maxSeq", c.event_id AS "eventId", h.last_seq AS "lastSeq", h.count
     FROM (SELECT (SELECT max(seq) FROM ledger_chain) AS max_seq, last_seq, count FROM ledger_head WHERE id = 1) AS h
     LEFT JOIN ledger_chain c ON c.seq = h.last_seq + 1`,
  );
  if (!row || (row.maxSeq ?? 0) <= row.lastSeq) return null;
  return { eventId: row.eventId, reason: beyondHead(row) };
}

/**
 * An event with no link: inserted into `events` without the seal. A transaction's events and their links commit
 * together, so one statement cannot see a concurrent append half done.
 */
async function unsealedProblem(db: Db): Promise<ChainProblem | null> {
  const row = await executorOf(db).get<{ id: number | null }>(
    'SELECT min(e.id) AS "id" FROM events e WHERE NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.event_id = e.id)',
  );
  if (row?.id === null || row?.id === undefined) return null;
  return { eventId: row.id, reason: '这条事件不在哈希链上：不是由 camp-bot 追加的' };
}

/** An event that two links name (the chain's unique index would refuse it). */
async function doubledProblem(db: Db): Promise<ChainProblem | null> {
  const row = await executorOf(db).get<{ id: number }>(
    'SELECT event_id AS "id" FROM ledger_chain GROUP BY event_id HAVING count(*) > 1 ORDER BY event_id LIMIT 1',
  );
  return row ? { eventId: row.id, reason: '这条事件在哈希链上出现了不止一次' } : null;
}

async function guardProblem(db: Db): Promise<ChainProblem | null> {
  const reason = triggerProblem(executorOf(db).dialect, await ledgerTriggers(db));
  return reason ? { eventId: null, reason } : null;
}
