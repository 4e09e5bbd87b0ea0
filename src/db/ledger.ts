import { auditKeyOf } from './audit-key.js';
import { executorOf, transaction, type Db } from './db.js';
import { CHAIN_COLUMNS, COLUMNS, eventHash } from './event-hash.js';
import type { NewEvent, StoredEvent } from './event-types.js';
import { rowOf, toStored, wellFormed } from './event-row.js';
import { chainWalk, type ChainProblem, type ChainRow, type ChainWalk } from './chain-walk.js';
import { eventsTriggers, triggerProblem } from './ledger-guards.js';
import { assertExtendable, lockLedgerHead, readLedgerHead, writeLedgerHead } from './ledger-head.js';

export { GENESIS_HASH, eventHash } from './event-hash.js';

export const INSERT_SQL = `INSERT INTO events (id, ${COLUMNS.join(', ')}, prev_hash, hash)
  VALUES (@id, ${COLUMNS.map((c) => '@' + c).join(', ')}, @prev_hash, @hash)`;
const BY_DEDUPE_SQL = 'SELECT id FROM events WHERE dedupe_key = ?';

/**
 * Appends one event to the hash chain and returns it with its id. Call inside the caller's transaction so the
 * event commits with the state change around it (alone, it runs in its own). The event takes the id after the
 * ledger head's and moves the head, signed when the store has an audit key; the head stays locked until the
 * transaction ends, so appends from any number of instances form one chain. An event whose dedupeKey is already
 * recorded is not appended again: the existing id is returned with `duplicate: true`.
 */
export function appendEvent(db: Db, raw: NewEvent, recordedAt: number): Promise<StoredEvent & { duplicate: boolean }> {
  const event = wellFormed(raw);
  const append = async (tx: Db): Promise<StoredEvent & { duplicate: boolean }> => {
    const ex = executorOf(tx);
    const key = auditKeyOf(tx);
    const head = await lockLedgerHead(tx);
    if (event.dedupeKey) {
      // Read under the head's lock: another instance's append of the same key has committed or not started.
      const existing = await ex.get<{ id: number }>(BY_DEDUPE_SQL, [event.dedupeKey]);
      if (existing) return { ...toStored(event, recordedAt, existing.id, '', ''), duplicate: true };
    }
    assertExtendable(head, key);
    const row = rowOf(event, recordedAt);
    const id = head.lastId + 1;
    const hash = eventHash(head.lastHash, row);
    await ex.run(INSERT_SQL, { ...row, id, prev_hash: head.lastHash, hash });
    await writeLedgerHead(tx, { lastId: id, lastHash: hash, count: head.count + 1 }, key, recordedAt);
    return { ...toStored(event, recordedAt, id, head.lastHash, hash), duplicate: false };
  };
  // Inside a transaction a failure rolls back with the caller's work; alone, the append gets one of its own.
  return executorOf(db).inTransaction ? append(db) : transaction(db, append);
}

export type ChainCheck =
  | { ok: true; count: number; signed: boolean }
  | { ok: false; count: number; eventId: number | null; reason: string };

/** Rows read per page: a ledger of any size is walked in constant memory. */
const PAGE = 5_000;

/**
 * Checks the whole ledger: every link and hash, gapless ids, that the walk ends at the ledger head (so removing the
 * newest events shows) and that no event lies beyond it, the head's signature when there is an audit key, and the
 * append-only triggers. The head is read first and the walk stops at it, so appends by a running server meanwhile
 * are not mistaken for anything. Reports the first problem. Only reads.
 * @example const check = await verifyChain(store); if (!check.ok) console.log(check.eventId, check.reason);
 */
export async function verifyChain(db: Db, key: string | null = auditKeyOf(db)): Promise<ChainCheck> {
  const ex = executorOf(db);
  const head = await readLedgerHead(db);
  const walk = chainWalk();
  const upTo = head?.lastId ?? Number.MAX_SAFE_INTEGER;
  for (let after = 0; ;) {
    const rows = await ex.all<ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM events WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE}`, [after, upTo]);
    for (const row of rows) {
      const problem = walk.step(row);
      if (problem) return { ok: false, count: walk.count, ...problem };
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  const problem = (await renumberedProblem(db, walk, head?.lastId)) ?? walk.finish(head, key) ?? (await strayProblem(db))
    ?? (await guardProblem(db));
  if (problem) return { ok: false, count: walk.count, ...problem };
  return { ok: true, count: walk.count, signed: key !== null };
}

/**
 * When the walk ended short of the head (events missing), the first event beyond the head, if any, shows the ids
 * jumping there: events renumbered past the head, not the newest removed. An untouched ledger never gets here, so a
 * concurrent append cannot be mistaken for this.
 */
async function renumberedProblem(db: Db, walk: ChainWalk, headId: number | undefined): Promise<ChainProblem | null> {
  if (headId === undefined || walk.count >= headId) return null;
  const next = await executorOf(db).get<ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM events WHERE id > ? ORDER BY id LIMIT 1`, [headId]);
  return next ? walk.step(next) : null;
}

/** An event beyond the head (in one statement, so a concurrent append cannot look like one): not appended by camp-bot. */
async function strayProblem(db: Db): Promise<ChainProblem | null> {
  const row = await executorOf(db).get<{ maxId: number | null; headId: number | null; headCount: number | null }>(
    `SELECT (SELECT max(id) FROM events) AS "maxId", (SELECT last_id FROM ledger_head WHERE id = 1) AS "headId",
       (SELECT count FROM ledger_head WHERE id = 1) AS "headCount"`,
  );
  const maxId = row?.maxId ?? 0;
  const headId = row?.headId ?? 0;
  if (maxId <= headId) return null;
  return { eventId: headId + 1, reason: `账本头只记到 #${headId}（共 ${row?.headCount ?? 0} 条）：之后的事件不是由 camp-bot 追加的` };
}

async function guardProblem(db: Db): Promise<ChainProblem | null> {
  const reason = triggerProblem(executorOf(db).dialect, await eventsTriggers(db));
  return reason ? { eventId: null, reason } : null;
}
