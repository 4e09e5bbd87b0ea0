import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export const COLUMNS = [
  'camp_id', 'type', 'userid', 'num', 'text', 'ref', 'actor', 'source',
  'happened_at', 'recorded_at', 'revokes', 'note', 'dedupe_key',
] as const;

export type Row = Record<(typeof COLUMNS)[number], string | number | null>;

/** The chain link: sha256 over the previous hash and the event's content columns, in a fixed order. */
export function eventHash(prevHash: string, row: Row): string {
  const content = JSON.stringify(COLUMNS.map((column) => row[column] ?? null));
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The SELECT list that reads a row back as `eventHash` and `verifyChain` need it. */
export const CHAIN_COLUMNS = `id, ${COLUMNS.join(', ')}, prev_hash, hash`;

