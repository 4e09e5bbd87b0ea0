import { eventHash, GENESIS_HASH, type Row } from './event-hash.js';
import { headSignatureProblem, type LedgerHead } from './ledger-head.js';

/** One ledger row as the walk reads it. */
export type ChainRow = Row & { id: number; prev_hash: string; hash: string };

/** The first thing wrong with the ledger; `eventId` where one event is to blame. */
export interface ChainProblem {
  eventId: number | null;
  reason: string;
}

export interface ChainWalk {
  /** Rows seen so far. */
  readonly count: number;
  /** Checks the next row in id order: ids run 1, 2, 3… with no gap, each links to the one before and matches its hash. */
  step(row: ChainRow): ChainProblem | null;
  /** Checks that the walk ended where the head says, and the head's signature when there is a key. */
  finish(head: LedgerHead | null, key: string | null): ChainProblem | null;
}

/**
 * Follows the ledger one row at a time, so a ledger of any size is checked in constant memory; pure, so any engine
 * can feed it. Ids are checked too: with the chain order fixed by the links, gapless ids from 1 pin every id.
 * @example const walk = chainWalk(); for (const row of rows) if ((problem = walk.step(row))) break;
 */
export function chainWalk(): ChainWalk {
  let count = 0;
  let lastId = 0;
  let lastHash = GENESIS_HASH;
  return {
    get count() {
      return count;
    },
    step(row) {
      count += 1;
      if (row.id !== lastId + 1) {
        return { eventId: row.id, reason: `编号不连续：前一条是 #${lastId}，缺少 #${lastId + 1}（有事件被删除或重新编号）` };
      }
      if (row.prev_hash !== lastHash) {
        return { eventId: row.id, reason: 'prev_hash 与前一条事件不符（有事件被删除、调换顺序或重新编号）' };
      }
      if (eventHash(lastHash, row) !== row.hash) return { eventId: row.id, reason: '内容与哈希不符（该事件被修改）' };
      lastId = row.id;
      lastHash = row.hash;
      return null;
    },
    finish(head, key) {
      if (!head) return { eventId: null, reason: '账本头 ledger_head 缺失' };
      if (head.lastId > lastId || head.count > count) {
        return {
          eventId: lastId + 1,
          reason: `账本被截断：账本头记到 #${head.lastId}（共 ${head.count} 条），账本只到 #${lastId}（共 ${count} 条），最新的事件被删除`,
        };
      }
      if (head.lastId !== lastId || head.count !== count || head.lastHash !== lastHash) {
        return { eventId: head.lastId + 1, reason: `账本头只记到 #${head.lastId}（共 ${head.count} 条）：之后的事件不是由 camp-bot 追加的` };
      }
      const signature = headSignatureProblem(head, key);
      return signature ? { eventId: null, reason: signature } : null;
    },
  };
}
