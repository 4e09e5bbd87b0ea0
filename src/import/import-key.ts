import { createHash } from 'node:crypto';
import type { NewEvent } from '../db/event-types.js';
import { DigestCounter } from './digest-counter.js';
import type { EventRow } from './event-row.js';

type RowEvent = Omit<NewEvent, 'source' | 'dedupeKey'>;

/**
 * Dedupe keys for the rows of one imported file (SPEC §5): `import:<time>:<hash of camp and row content>:<occurrence>`,
 * the occurrence counting identical rows before it in the file. So the same file imported into another camp records
 * there too, re-importing records nothing, and a re-export with a row added records only that row. Content is the
 * event the row becomes (`88.50` and `88.5`, or a local and an ISO time of the same instant, are one row); a row
 * without `at` (meaning "now") is keyed without its time, so importing it again is still a duplicate.
 * @example const keyOf = importKeys(); keyOf(row, event) // 'import:mhwx5s00:Pq3…9a:0'
 */
export function importKeys(): (row: EventRow, event: RowEvent) => string {
  const seen = new DigestCounter();
  return (row, event) => {
    const at = row.at === '' ? null : event.happenedAt;
    const content = JSON.stringify([
      event.campId, event.type, event.userid ?? null, event.num ?? null, event.text ?? null, event.ref ?? null,
      event.actor, event.note ?? null, at,
    ]);
    // 128 bits of sha256 (22 base64url characters): no two rows collide, and the ledger's key index stays small.
    const digest = createHash('sha256').update(content).digest();
    // Led by the row's time, a file in time order appends near one end of the key index instead of all over it.
    return `import:${at === null ? 'now' : at.toString(36)}:${digest.toString('base64url', 0, 16)}:${seen.next(digest)}`;
  };
}
