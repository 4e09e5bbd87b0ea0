/** The mock's "now": a fixed mid-camp moment that moves on with real time, so quiz timers count down. */
const STARTED = Date.now();
const MOCK_NOW = Date.parse('2026-11-24T15:30:00+08:00');

export function mockNow(): number {
  return MOCK_NOW + (Date.now() - STARTED);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
