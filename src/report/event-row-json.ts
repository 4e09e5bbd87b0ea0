import type { LedgerEvent } from '../db/list-events.js';
import { isoOf } from './iso-of.js';

/** One event as `events list --json` prints it (SPEC §1; also the console's event rows). */
export interface EventRowJson {
  id: number;
  type: string;
  userid: string | null;
  value: number | string | null;
  ref: string | null;
  actor: string;
  source: string;
  happenedAt: string;
  recordedAt: string;
  revoked: boolean;
}

/** The event in that shape: `value` is the number or text it carries, null where none. */
export function eventRowJson(event: LedgerEvent, revoked: boolean): EventRowJson {
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
    revoked,
  };
}
