import type { Row } from './event-hash.js';
import type { NewEvent, StoredEvent } from './event-types.js';

// SQLite would store a lone surrogate (AI-bot JSON can carry one) as U+FFFD, and the row would no longer match its hash.
const wellFormedOrNull = (value: string | null | undefined): string | null => value?.toWellFormed() ?? null;

/** The event with every text well-formed, as it will be hashed and stored. */
export function wellFormed(event: NewEvent): NewEvent {
  return {
    ...event,
    campId: event.campId.toWellFormed(),
    userid: wellFormedOrNull(event.userid),
    text: wellFormedOrNull(event.text),
    ref: wellFormedOrNull(event.ref),
    actor: event.actor.toWellFormed(),
    note: wellFormedOrNull(event.note),
    dedupeKey: wellFormedOrNull(event.dedupeKey),
  };
}

/** The event as the columns it is stored (and hashed) in. */
export function rowOf(event: NewEvent, recordedAt: number): Row {
  return {
    camp_id: event.campId,
    type: event.type,
    userid: event.userid ?? null,
    num: event.num ?? null,
    text: event.text ?? null,
    ref: event.ref ?? null,
    actor: event.actor,
    source: event.source,
    happened_at: event.happenedAt,
    recorded_at: recordedAt,
    revokes: event.revokes ?? null,
    note: event.note ?? null,
    dedupe_key: event.dedupeKey ?? null,
  };
}

/** The event as stored, with its id. */
export function toStored(event: NewEvent, recordedAt: number, id: number): StoredEvent {
  return {
    id,
    campId: event.campId,
    type: event.type,
    userid: event.userid ?? null,
    num: event.num ?? null,
    text: event.text ?? null,
    ref: event.ref ?? null,
    actor: event.actor,
    source: event.source,
    happenedAt: event.happenedAt,
    revokes: event.revokes ?? null,
    note: event.note ?? null,
    dedupeKey: event.dedupeKey ?? null,
    recordedAt,
  };
}
