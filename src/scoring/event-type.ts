/** Every kind of fact the ledger holds; see ARCHITECTURE.md for the meaning of each column per type. */
export const EVENT_TYPES = [
  'lesson',
  'session_open',
  'session',
  'checkin',
  'exam',
  'project',
  'practice',
  'participation',
  'assignment',
  'submission',
  'grade',
  'review',
  'revoke',
  'weights',
  'prize_claimed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
