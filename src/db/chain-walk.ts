import { eventHash, GENESIS_HASH, linkHash, type Row } from './event-hash.js';
import { headSignatureProblem, type LedgerHead } from './ledger-head.js';

/**
 * One link of the chain as the walk reads it: the `ledger_chain` row and the content of the event it names (`id` and
 * the content null when there is no such event).
 */
export type ChainRow = Row & { seq: number; event_id: number; prev_hash: string; hash: string; id: number | null };

/** The first thing wrong with the ledger; `eventId` where one event is to blame. */
export interface ChainProblem {
  eventId: number | null;
  reason: string;
}

export interface ChainWalk {
  /** Links seen so far. */
  readonly count: number;
  /** Checks the next link in seq order: seqs run 1, 2, 3… with no gap, each names an event, links to the one before and matches its hash. */
  step(row: ChainRow): ChainProblem | null;
  /** Checks that the walk ended where the head says, and the head's signature when there is a key. */
  finish(head: LedgerHead | null, key: string | null): ChainProblem | null;
}

/**
 * Follows the chain one link at a time, so a ledger of any size is checked in constant memory; pure, so any engine
 * can feed it. With the order fixed by the links, gapless seqs from 1 pin every place, and the hashes pin every
 * event's content and id (`linkHash`).
 * @example const walk = chainWalk(); for (const row of rows) if ((problem = walk.step(row))) break;
 */
export function chainWalk(): ChainWalk {
  let count = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  return {
    get count() {
      return count;
    },
    step(row) {
      count += 1;
      const eventId = row.event_id;
      if (row.seq !== lastSeq + 1) {
        return { eventId, reason: `链上序号不连续：前一条是第 ${lastSeq} 条，缺少第 ${lastSeq + 1} 条（有事件被删除或重新编号）` };
      }
      if (row.id === null) return { eventId, reason: `链上第 ${row.seq} 条记着这条事件，账本里却没有它（事件被删除或重新编号）` };
      if (row.prev_hash !== lastHash) {
        return { eventId, reason: 'prev_hash 与前一条事件不符（有事件被删除、调换顺序或重新编号）' };
      }
      if (linkHash(lastHash, row.seq, eventId, row) !== row.hash) return { eventId, reason: hashProblem(lastHash, row) };
      lastSeq = row.seq;
      lastHash = row.hash;
      return null;
    },
    finish(head, key) {
      if (!head) return { eventId: null, reason: '账本头 ledger_head 缺失' };
      if (head.lastSeq > lastSeq || head.count > count) {
        return {
          eventId: null,
          reason: `账本被截断：账本头记到第 ${head.lastSeq} 条（共 ${head.count} 条），链只到第 ${lastSeq} 条（共 ${count} 条），最新的事件被删除`,
        };
      }
      if (head.lastSeq !== lastSeq || head.count !== count || head.lastHash !== lastHash) {
        return { eventId: null, reason: beyondHead(head) };
      }
      const signature = headSignatureProblem(head, key);
      return signature ? { eventId: null, reason: signature } : null;
    },
  };
}

/** Why a link's hash does not match: its content changed, or (the content still matching) its event took another id. */
function hashProblem(prevHash: string, row: ChainRow): string {
  const renumbered = row.event_id !== row.seq && eventHash(prevHash, row) === row.hash;
  return renumbered ? `编号与链上的不符：这条事件原来是 #${row.seq}（被重新编号）` : '内容与哈希不符（该事件被修改）';
}

/** The line for links or events the head does not account for. */
export function beyondHead(head: Pick<LedgerHead, 'lastSeq' | 'count'>): string {
  return `账本头只记到第 ${head.lastSeq} 条（共 ${head.count} 条）：之后的事件不是由 camp-bot 追加的`;
}
