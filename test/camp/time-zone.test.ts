import { describe, expect, it } from 'vitest';
import { endOfLocalDayMs, isValidTimeZone, localDateOf, zonedTimeToUtcMs } from '../../src/camp/time-zone.js';

describe('zonedTimeToUtcMs', () => {
  it('reads local date-times in the zone', () => {
    expect(zonedTimeToUtcMs('2026-12-04T10:00', 'Asia/Shanghai')).toBe(Date.parse('2026-12-04T02:00:00Z'));
    expect(zonedTimeToUtcMs('2026-12-04T10:00:30', 'UTC')).toBe(Date.parse('2026-12-04T10:00:30Z'));
    expect(zonedTimeToUtcMs('2026-11-20', 'Asia/Shanghai')).toBe(Date.parse('2026-11-19T16:00:00Z'));
  });

  it('follows daylight saving time', () => {
    expect(zonedTimeToUtcMs('2026-07-01T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(zonedTimeToUtcMs('2026-01-01T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-01-01T11:00:00Z'));
    expect(zonedTimeToUtcMs('2026-03-29T03:30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });

  it('takes an explicit offset as given and refuses impossible dates', () => {
    expect(zonedTimeToUtcMs('2026-12-04T10:00+09:00', 'Asia/Shanghai')).toBe(Date.parse('2026-12-04T01:00:00Z'));
    expect(zonedTimeToUtcMs('2026-02-30T10:00', 'Asia/Shanghai')).toBeNaN();
    expect(zonedTimeToUtcMs('2026-12-04T24:00', 'Asia/Shanghai')).toBeNaN();
    expect(zonedTimeToUtcMs('soon', 'Asia/Shanghai')).toBeNaN();
  });
});

describe('endOfLocalDayMs and localDateOf', () => {
  it('ends a day at its last millisecond in the zone', () => {
    expect(endOfLocalDayMs('2026-11-20', 'Asia/Shanghai')).toBe(Date.parse('2026-11-20T15:59:59.999Z'));
    expect(endOfLocalDayMs('2026-12-31', 'Asia/Shanghai')).toBe(Date.parse('2026-12-31T15:59:59.999Z'));
  });

  it('gives the calendar date in the zone', () => {
    expect(localDateOf(Date.parse('2026-11-19T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-20');
    expect(localDateOf(Date.parse('2026-11-19T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-19');
  });

  it('knows real time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
