import { auditKeyOf } from './audit-key.js';
import { dbOf, executorOf, type Db } from './db.js';
import type { CommitSeal } from './engine/executor.js';
import { linkHash, type Row } from './event-hash.js';
import { assertExtendable, lockLedgerHead, requireLedgerHead, writeLedgerHead, type LedgerHead } from './ledger-head.js';

/** An event inserted in the open transaction, waiting for the seal to give it its place in the chain. */
export interface PendingEvent {
  id: number;
  row: Row;
}

/** One row of `ledger_chain`. */
export interface ChainLink {
  seq: number;
  eventId: number;
  prevHash: string;
  hash: string;
}

/** Links per INSERT (4 values each; PostgreSQL allows 65,535 parameters a statement). */
const LINKS_PER_STATEMENT = 1_000;

/**
 * The links that chain `pending` after `head`, in id order (pure): seq `lastSeq + 1`, `+ 2`… each hashed over the
 * one before it.
 */
export function chainLinks(head: Pick<LedgerHead, 'lastSeq' | 'lastHash'>, pending: readonly PendingEvent[]): ChainLink[] {
  let { lastSeq: seq, lastHash: prevHash } = head;
  return [...pending].sort((a, b) => a.id - b.id).map(({ id, row }) => {
    seq += 1;
    const link = { seq, eventId: id, prevHash, hash: linkHash(prevHash, seq, id, row) };
    prevHash = link.hash;
    return link;
  });
}

/**
 * Chains `events`, inserted through `tx` and not yet chained, after the ledger head and moves the head, signed with
 * the store's audit key. The head is locked (`FOR UPDATE` on PostgreSQL; SQLite's write transaction excludes other
 * writers already) until the transaction ends, so seals from every connection and instance take turns and the chain
 * follows commit order.
 */
export async function sealEvents(tx: Db, events: readonly PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = auditKeyOf(tx);
  const head = await lockLedgerHead(tx);
  assertExtendable(head, key);
  const links = chainLinks(head, events);
  for (let i = 0; i < links.length; i += LINKS_PER_STATEMENT) {
    const chunk = links.slice(i, i + LINKS_PER_STATEMENT);
    await executorOf(tx).run(
      `INSERT INTO ledger_chain (seq, event_id, prev_hash, hash) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((link) => [link.seq, link.eventId, link.prevHash, link.hash]),
    );
  }
  const last = links.at(-1)!;
  const sealedAt = events.reduce((latest, event) => Math.max(latest, Number(event.row.recorded_at)), 0);
  await writeLedgerHead(tx, { lastSeq: last.seq, lastHash: last.hash, count: head.count + links.length }, key, sealedAt);
}

/**
 * The commit seal: the events `appendEvent` inserted in a transaction are chained just before it commits, so the head
 * is held only from here to COMMIT and transactions append side by side until then.
 */
const commitSeal: CommitSeal<PendingEvent> = (ex, pending) => sealEvents(dbOf(ex), pending);

/** Leaves an event just inserted through `tx` to the seal of `tx`'s transaction. */
export function sealAtCommit(tx: Db, event: PendingEvent): void {
  executorOf(tx).beforeCommit(commitSeal, event);
}

/** The events appended in `db`'s transaction that its commit will seal (none outside a transaction). */
export function pendingEvents(db: Db): readonly PendingEvent[] {
  return executorOf(db).pendingFor(commitSeal);
}

/** Transactions whose head was found extendable (a transaction is one handle for all its savepoints). */
const vouched = new WeakSet<object>();

/**
 * Refuses, before anything is written, an append that the seal would refuse (a head that cannot be vouched for): read
 * without a lock, once per transaction, so only that append fails rather than the whole transaction at its commit.
 * The seal checks again under the lock.
 */
export async function assertAppendable(tx: Db): Promise<void> {
  if (vouched.has(tx)) return;
  assertExtendable(await requireLedgerHead(tx), auditKeyOf(tx));
  vouched.add(tx);
}
