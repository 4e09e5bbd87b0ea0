import type { LedgerEvent } from '../db/list-events.js';
import { isoOf } from '../report/iso-of.js';
import type { EventRow } from './api-types.js';

/** An event in the `events list --json` shape (SPEC §1): `value` is the number or text it carries, null where none. */
export function eventRowOf(event: LedgerEvent, revoked: boolean): EventRow {
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
