import type { NewEvent } from '../db/event-types.js';

/** The CSV event types of SPEC §5. */
export const IMPORT_TYPES = [
  'lesson', 'session', 'checkin', 'exam', 'project', 'practice', 'participation', 'assignment', 'submission', 'grade', 'review',
] as const;

export type ImportType = (typeof IMPORT_TYPES)[number];

/** One CSV row, trimmed, before validation. */
export interface EventRow {
  line: number;
  type: string;
  userid: string;
  value: string;
  at: string;
  ref: string;
  actor: string;
  note: string;
  /** Non-empty cells beyond the header's columns. */
  extra: number;
}

/** What a row is checked against. */
export interface EventRowContext {
  campId: string;
  lessons: number;
  timeZone: string;
  learners: ReadonlySet<string>;
  now: number;
}

/** The event a row becomes (without dedupe key and source), or what is wrong with it. */
export type RowResult = { event: Omit<NewEvent, 'source' | 'dedupeKey'> } | { problem: string };
