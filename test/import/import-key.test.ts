import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../src/import/event-row.js';
import { eventRowToEvent } from '../../src/import/event-row-to-event.js';
import { importKeys } from '../../src/import/import-key.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');
const ctx = (campId: string) => ({ campId, lessons: 4, timeZone: 'Asia/Shanghai', learners: new Set(['a', 'b']), now: NOW });
const row = (fields: Partial<EventRow>): EventRow => ({
  line: 2, type: 'exam', userid: 'a', value: '88.5', at: '2026-11-10T10:00+08:00', ref: '', actor: '', note: '', extra: 0, ...fields,
});

/** The keys `importKeys` gives the rows of one file. */
function keysOf(rows: EventRow[], campId = 'c1', now = NOW): string[] {
  const keyOf = importKeys();
  return rows.map((r) => {
    const result = eventRowToEvent(r, { ...ctx(campId), now });
    if ('problem' in result) throw new Error(result.problem);
    return keyOf(r, result.event);
  });
}

describe('importKeys', () => {
  it('keys a row by camp and content, not by its line', () => {
    const [key] = keysOf([row({ line: 2 })]);
    expect(key).toMatch(new RegExp(`^import:${Date.parse('2026-11-10T02:00:00Z').toString(36)}:[\\w-]{22}:0$`));
    expect(keysOf([row({ line: 90 })])).toEqual([key]);
    expect(keysOf([row({})], 'c2')).not.toEqual([key]);
    expect(keysOf([row({ value: '88' })])).not.toEqual([key]);
  });

  it('gives the same event written differently the same key', () => {
    expect(keysOf([row({ value: '88.50', at: '2026-11-10 10:00', actor: 'import', ref: 'final' })])).toEqual(keysOf([row({})]));
  });

  it('numbers identical rows by their occurrence in the file', () => {
    const keys = keysOf([row({}), row({ userid: 'b' }), row({ line: 4 })]);
    expect(keys[2]).toBe(keys[0]!.replace(/:0$/, ':1'));
    expect(keys[1]).toMatch(/:0$/);
  });

  it('keys a row without a time by its content alone, so importing it later is still a duplicate', () => {
    const [key] = keysOf([row({ at: '' })], 'c1', NOW);
    expect(key).toMatch(/^import:now:/);
    expect(keysOf([row({ at: '' })], 'c1', NOW + 86_400_000)).toEqual([key]);
  });
});
