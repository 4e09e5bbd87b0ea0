import type { EventType } from '../scoring/event-type.js';

/** Where an event came from; `wecom` is evidence pulled from WeCom itself (live lessons, meetings: SPEC §13). */
export type EventSource = 'chat' | 'command' | 'import' | 'schedule' | 'file' | 'wecom';

/** An event about to be appended to the ledger. */
export interface NewEvent {
  campId: string;
  type: EventType;
  userid?: string | null;
  num?: number | null;
  text?: string | null;
  ref?: string | null;
  actor: string;
  source: EventSource;
  /** When it happened, ms since epoch. */
  happenedAt: number;
  revokes?: number | null;
  note?: string | null;
  /** Unique key that makes re-delivery and re-import record nothing new. */
  dedupeKey?: string | null;
}

/** An event as stored, with its id (its place in the hash chain is given when its transaction commits). */
export interface StoredEvent extends Required<NewEvent> {
  id: number;
  recordedAt: number;
}
