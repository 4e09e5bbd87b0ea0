import { describe, expect, it } from 'vitest';
import { createTokenCache } from '../../src/bot/wecom-token-cache.js';
import { WeComApiError, WeComNetworkError } from '../../src/errors.js';

function fetcher(...results: (string | Error)[]) {
  let fetches = 0;
  const fetchToken = async () => {
    const result = results[fetches++];
    if (result instanceof Error) throw result;
    return { token: result ?? 'none', expiresInS: 7200 };
  };
  return { fetchToken, fetches: () => fetches };
}

describe('createTokenCache', () => {
  it('ignores a late invalidation of a token already replaced', async () => {
    const source = fetcher('A', 'B', 'C');
    const cache = createTokenCache(source.fetchToken, () => 0);
    expect(await cache.get()).toBe('A');
    cache.invalidate('A');
    expect(await cache.get()).toBe('B');
    cache.invalidate('A');
    expect(await cache.get()).toBe('B');
    expect(source.fetches()).toBe(2);
  });

  it('does not cache a failed fetch', async () => {
    const source = fetcher(new WeComNetworkError('gettoken', new Error('down')), 'A');
    const cache = createTokenCache(source.fetchToken, () => 0);
    await expect(cache.get()).rejects.toBeInstanceOf(WeComNetworkError);
    expect(await cache.get()).toBe('A');
  });

  it('remembers a wrong secret (40001) for good', async () => {
    const wrong = new WeComApiError(40001, 'invalid credential', 'gettoken');
    const source = fetcher(wrong, 'A');
    const cache = createTokenCache(source.fetchToken, () => 0);
    await expect(cache.get()).rejects.toBe(wrong);
    await expect(cache.get()).rejects.toBe(wrong);
    expect(source.fetches()).toBe(1);
  });

  it('halves a short expires_in instead of refreshing 5 minutes early', async () => {
    let clock = 0;
    let fetches = 0;
    const cache = createTokenCache(async () => ({ token: `t${++fetches}`, expiresInS: 400 }), () => clock);
    expect(await cache.get()).toBe('t1');
    clock = 199_999;
    expect(await cache.get()).toBe('t1');
    clock = 200_000;
    expect(await cache.get()).toBe('t2');
  });
});
