import type { EventType } from './event-type.js';

/**
 * What scoring reads of one ledger event. `id` is the recording order; `at` is when it happened (ms).
 * Column meanings per type are in ARCHITECTURE.md.
 */
export interface Fact {
  id: number;
  type: EventType;
  userid: string | null;
  num: number | null;
  text: string | null;
  ref: string | null;
  actor: string;
  at: number;
  revokes: number | null;
}
