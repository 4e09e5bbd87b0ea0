import { WeComApiError } from '../errors.js';

/** An access token as gettoken issued it. */
export interface IssuedToken {
  token: string;
  expiresInS: number;
}

/** One access token per corp+agent, shared by every caller. */
export interface TokenCache {
  /** The cached token, or one fresh fetch shared by every caller waiting at the moment. */
  get(): Promise<string>;
  /** Drops `stale` if it is still the cached token (so many callers seeing 42001 cause one refresh). */
  invalidate(stale: string): void;
}

const EARLY_REFRESH_S = 300;
const WRONG_CREDENTIALS = new Set([40001, 40013]); // secret, corp id: both fixed until a restart

/**
 * Caches the token until 5 minutes before it expires. A wrong secret (40001) or corp id (40013) is remembered:
 * every later `get()` throws the same error without asking WeCom again, since both only change with a restart.
 */
export function createTokenCache(fetchToken: () => Promise<IssuedToken>, now: () => number): TokenCache {
  let cached: { token: string; expiresAt: number } | null = null;
  let inFlight: Promise<string> | null = null;
  let fatal: WeComApiError | null = null;

  const refresh = async (): Promise<string> => {
    const startedAt = now();
    try {
      const { token, expiresInS } = await fetchToken();
      cached = { token, expiresAt: startedAt + usableSeconds(expiresInS) * 1000 };
      return token;
    } catch (error) {
      if (error instanceof WeComApiError && WRONG_CREDENTIALS.has(error.errcode)) fatal = error;
      throw error;
    } finally {
      inFlight = null;
    }
  };

  return {
    async get() {
      if (fatal) throw fatal;
      if (cached && now() < cached.expiresAt) return cached.token;
      inFlight ??= refresh();
      return inFlight;
    },
    invalidate(stale) {
      if (cached?.token === stale) cached = null;
    },
  };
}

function usableSeconds(expiresInS: number): number {
  return expiresInS > 2 * EARLY_REFRESH_S ? expiresInS - EARLY_REFRESH_S : expiresInS / 2;
}
