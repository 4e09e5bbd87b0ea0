import { createHmac, timingSafeEqual } from 'node:crypto';
import { LedgerError } from '../errors.js';
import { auditKeyOf } from './audit-key.js';
import { executorOf, transaction, type Db } from './db.js';
import { forUpdate } from './sql-dialect.js';

/** The chain's newest link as `ledger_head` keeps it; `mac` is null while unsigned. */
export interface LedgerHead {
  lastSeq: number;
  lastHash: string;
  count: number;
  mac: string | null;
}

const READ_SQL = 'SELECT last_seq AS "lastSeq", last_hash AS "lastHash", count, mac FROM ledger_head WHERE id = 1';
const WRITE_SQL = 'UPDATE ledger_head SET last_seq = ?, last_hash = ?, count = ?, mac = ?, updated_at = ? WHERE id = 1';
const MISSING = 'ledger_head 缺失：请运行 camp-bot migrate，再运行 camp-bot audit verify';

/** The head row; null when it is missing (deleted behind the bot's back). */
export async function readLedgerHead(db: Db): Promise<LedgerHead | null> {
  return (await executorOf(db).get<LedgerHead>(READ_SQL)) ?? null;
}

/** The head as it stands, without a lock; throws when it is missing. */
export async function requireLedgerHead(db: Db): Promise<LedgerHead> {
  return presentHead(await readLedgerHead(db));
}

/**
 * The head the seal extends, locked until the transaction ends (PostgreSQL: `FOR UPDATE`, so seals from every
 * instance take turns and links follow commit order; SQLite's write transaction already excludes other writers).
 * Throws when it is missing.
 */
export async function lockLedgerHead(tx: Db): Promise<LedgerHead> {
  const ex = executorOf(tx);
  return presentHead(await ex.get<LedgerHead>(`${READ_SQL} ${forUpdate(ex.dialect)}`));
}

function presentHead(head: LedgerHead | null | undefined): LedgerHead {
  if (!head) throw new LedgerError(MISSING);
  return head;
}

/** Moves the head to a new newest link, signed when `key` is given. Call in the seal's transaction. */
export async function writeLedgerHead(tx: Db, head: Omit<LedgerHead, 'mac'>, key: string | null, now: number): Promise<void> {
  const mac = key ? headMac(head, key) : null;
  const { changes } = await executorOf(tx).run(WRITE_SQL, [head.lastSeq, head.lastHash, head.count, mac, now]);
  if (changes !== 1) throw new LedgerError(MISSING);
}

/**
 * HMAC-SHA256 over the head's seq, hash and count with AUDIT_SECRET, a key kept outside the database: without it, a
 * head rewritten to hide removed events cannot be signed.
 */
export function headMac(head: Omit<LedgerHead, 'mac'>, key: string): string {
  return createHmac('sha256', key).update(`camp-bot ledger head\n${head.lastSeq}\n${head.lastHash}\n${head.count}`).digest('hex');
}

/** Why the head's signature cannot be trusted with this key (null when it can, or when there is no key). */
export function headSignatureProblem(head: LedgerHead, key: string | null): string | null {
  if (!key) return null;
  if (head.mac === null) return '账本头未签名：设置 AUDIT_SECRET 后运行 camp-bot migrate 或启动 serve 为它签名';
  const expected = Buffer.from(headMac(head, key), 'hex');
  const actual = Buffer.from(head.mac, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return '账本头签名不符：账本头被改写，或 AUDIT_SECRET 与签名时不同';
  }
  return null;
}

/**
 * Refuses to extend a head it cannot vouch for: with a key, the head must carry a valid signature (re-signing a
 * rewritten head would hide what was removed), except an empty ledger's, which has nothing to hide; without a key, a
 * signed head must not lose its signature.
 */
export function assertExtendable(head: LedgerHead, key: string | null): void {
  if (!key && head.mac !== null) throw new LedgerError('账本头已用 AUDIT_SECRET 签名：请设置同一个 AUDIT_SECRET 后再写入');
  if (head.mac === null && head.count === 0 && head.lastSeq === 0) return;
  const problem = headSignatureProblem(head, key);
  if (problem) throw new LedgerError(`${problem}（请先运行 camp-bot audit verify）`);
}

/**
 * With the handle's audit key, signs a head that has no signature yet (a database made before AUDIT_SECRET was set,
 * or just upgraded to the head); returns whether it signed. A head signed with another key is refused with the line
 * that says so. This trusts the ledger as it stands, so `serve` and `migrate` log when they sign.
 * @example if (await signLedgerHead(store, Date.now())) log('ledger head signed');
 */
export async function signLedgerHead(db: Db, now: number): Promise<boolean> {
  const key = auditKeyOf(db);
  if (!key) return false;
  return transaction(db, async (tx) => {
    const head = await lockLedgerHead(tx);
    if (head.mac !== null) {
      assertExtendable(head, key);
      return false;
    }
    await writeLedgerHead(tx, head, key, now);
    return true;
  });
}
