import type { EventSource } from '../../src/db/event-types.js';
import type { Fact } from '../../src/scoring/fact.js';

/** A mock ledger event: what scoring reads plus what the API shows. */
export interface MockEvent extends Fact {
  source: EventSource;
  recordedAt: number;
  note: string | null;
}

export type NewMockEvent = Omit<MockEvent, 'id' | 'recordedAt' | 'source' | 'note' | 'revokes' | 'num' | 'text' | 'ref' | 'userid'> &
  Partial<Pick<MockEvent, 'source' | 'note' | 'revokes' | 'num' | 'text' | 'ref' | 'userid'>>;
