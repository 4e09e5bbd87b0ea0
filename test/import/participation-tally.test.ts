import { describe, expect, it } from 'vitest';
import { ParticipationTally } from '../../src/import/participation-tally.js';

const at = (iso: string): number => Date.parse(iso);

describe('ParticipationTally', () => {
  it('gives the latest counted time at or before a message and that local day\'s count', () => {
    // 23:50 on 11-10 in Shanghai.
    const tally = new ParticipationTally('Asia/Shanghai', new Map([['u1', [at('2026-11-10T15:50:00Z')]]]));
    expect(tally.stateAt('u1', at('2026-11-10T15:55:00Z'))).toEqual({ lastCountedAt: at('2026-11-10T15:50:00Z'), countedToday: 1 });
    expect(tally.stateAt('u1', at('2026-11-10T15:50:00Z'))).toEqual({ lastCountedAt: at('2026-11-10T15:50:00Z'), countedToday: 1 });
    expect(tally.stateAt('u1', at('2026-11-10T16:10:00Z'))).toEqual({ lastCountedAt: at('2026-11-10T15:50:00Z'), countedToday: 0 });
    expect(tally.stateAt('u1', at('2026-11-10T15:00:00Z'))).toEqual({ lastCountedAt: null, countedToday: 1 });
    expect(tally.stateAt('u2', at('2026-11-10T15:55:00Z'))).toEqual({ lastCountedAt: null, countedToday: 0 });
  });

  it('counts what is added, in time order whatever order it is added in', () => {
    const tally = new ParticipationTally('Asia/Shanghai', new Map());
    tally.add('u1', at('2026-11-11T02:00:00Z'));
    tally.add('u1', at('2026-11-11T01:00:00Z'));
    expect(tally.stateAt('u1', at('2026-11-11T01:30:00Z'))).toEqual({ lastCountedAt: at('2026-11-11T01:00:00Z'), countedToday: 2 });
  });

  it('finds the local day in zones whose offset is not whole hours', () => {
    // Midnight is 18:30Z in Kolkata (+5:30) and 18:15Z in Kathmandu (+5:45).
    for (const [zone, before, after] of [['Asia/Kolkata', '18:29', '18:31'], ['Asia/Kathmandu', '18:14', '18:16']] as const) {
      const tally = new ParticipationTally(zone, new Map([['u1', [at(`2026-11-10T${before}:00Z`)]]]));
      expect(tally.stateAt('u1', at(`2026-11-10T${before}:30Z`)).countedToday).toBe(1);
      expect(tally.stateAt('u1', at(`2026-11-10T${after}:00Z`)).countedToday).toBe(0);
    }
  });
});
