import { createHash, type Hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export const COLUMNS = [
  'camp_id', 'type', 'userid', 'num', 'text', 'ref', 'actor', 'source',
  'happened_at', 'recorded_at', 'revokes', 'note', 'dedupe_key',
] as const;

export type Row = Record<(typeof COLUMNS)[number], string | number | null>;

/** sha256 over the previous hash and the event's content columns, in a fixed order. */
export function eventHash(prevHash: string, row: Row): string {
  return contentHash(prevHash, row).digest('hex');
}

/**
 * The hash of chain link `seq`, which holds event `eventId`. Where the id is the link's place (every link made before
 * the chain had a table of its own, and SQLite's, where ids follow commits), it is `eventHash`: the gapless seq pins
 * the id. Otherwise (PostgreSQL takes ids at insert, so they need not follow commit order) the id is hashed too, so
 * renumbering an event, or swapping two ids, still breaks the chain. The two inputs cannot collide: content JSON never
 * holds a raw newline.
 */
export function linkHash(prevHash: string, seq: number, eventId: number, row: Row): string {
  if (eventId === seq) return eventHash(prevHash, row);
  return contentHash(prevHash, row).update(`\n#${eventId}`).digest('hex');
}

function contentHash(prevHash: string, row: Row): Hash {
  const content = JSON.stringify(COLUMNS.map((column) => row[column] ?? null));
  return createHash('sha256').update(prevHash).update('\n').update(content);
}
