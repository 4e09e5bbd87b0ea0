import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/db.js';
import { acquireLease, leaseHolder, releaseLease, renewLease } from '../../src/db/lease-store.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const TTL = 30_000;
let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

describe(`leases in the store (${testEngine()})`, () => {
  it('is held by one holder until it lapses or is released, then passes on', async () => {
    expect(await acquireLease(store, 'x', 'a', 1_000, TTL)).toBe(true);
    expect(await acquireLease(store, 'x', 'b', 1_000, TTL)).toBe(false);
    expect(await acquireLease(store, 'x', 'a', 20_000, TTL)).toBe(true);
    expect(await renewLease(store, 'x', 'b', 20_000, TTL)).toBe(false);
    expect(await renewLease(store, 'x', 'a', 30_000, TTL)).toBe(true);
    expect(await leaseHolder(store, 'x')).toEqual({ holder: 'a', expiresAt: 60_000 });
    expect(await acquireLease(store, 'x', 'b', 59_999, TTL)).toBe(false);
    expect(await acquireLease(store, 'x', 'b', 60_000, TTL)).toBe(true);
    expect(await renewLease(store, 'x', 'a', 60_001, TTL)).toBe(false);
    await releaseLease(store, 'x', 'a');
    expect(await leaseHolder(store, 'x')).toMatchObject({ holder: 'b' });
    await releaseLease(store, 'x', 'b');
    expect(await leaseHolder(store, 'x')).toBeNull();
    expect(await acquireLease(store, 'x', 'a', 60_001, TTL)).toBe(true);
    expect(await acquireLease(store, 'other', 'b', 60_001, TTL)).toBe(true);
  });

  it('goes to exactly one of many holders asking at the same moment', async () => {
    const asks = await Promise.all(Array.from({ length: 12 }, (_, n) => acquireLease(store, 'race', `h${n}`, 5_000, TTL)));
    expect(asks.filter(Boolean)).toHaveLength(1);
    const winner = `h${asks.indexOf(true)}`;
    expect(await leaseHolder(store, 'race')).toEqual({ holder: winner, expiresAt: 35_000 });
    const lapsed = await Promise.all(Array.from({ length: 12 }, (_, n) => acquireLease(store, 'race', `h${n}`, 35_000, TTL)));
    expect(lapsed.filter(Boolean)).toHaveLength(1);
  });
});
