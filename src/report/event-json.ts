import type { LedgerEvent } from '../db/list-events.js';
import { isoOf } from './iso-of.js';

/** One event in the SPEC §1 `events list --json` shape (also the console's events). */
export interface EventJson {
  id: number;
  type: string;
  userid: string | null;
  /** The number the event carries, else its text, else null. */
  value: number | string | null;
  ref: string | null;
  actor: string;
  source: string;
  happenedAt: string;
  recordedAt: string;
  /** Whether it stands revoked now (an undone `/undo` restores it). */
  revoked: boolean;
}

/**
 * An event as `events list --json` prints it; `revoked` holds the ids revoked now (`loadRevoked`).
 * @example eventJson(event, await loadRevoked(store, campId, Date.now()))
 */
export function eventJson(event: LedgerEvent, revoked: ReadonlySet<number>): EventJson {
  return {
    id: event.id,
    type: event.type,
    userid: event.userid,
    value: event.num ?? event.text,
    ref: event.ref,
    actor: event.actor,
    source: event.source,
    happenedAt: isoOf(event.happenedAt),
    recordedAt: isoOf(event.recordedAt),
    revoked: revoked.has(event.id),
  };
}
