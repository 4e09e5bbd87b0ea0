import { WeComApiError, WeComNetworkError } from '../errors.js';
import { isRetryableNetworkError, type WeComAnswer } from './wecom-http.js';

/** How hard to retry. Backoff is `base · 2^(n−1)` plus up to `base` of jitter, capped. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** Backoff after 45009/45033 (frequency limits), longer than for transient failures. */
  rateLimitBaseMs: number;
  rateLimitCapMs: number;
}

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  log: (line: string) => void;
  /** Called on every 45009/45033 so the sender can lower its pace. */
  onRateLimited?: () => void;
  /**
   * False for a call that must not run twice (creating a meeting): then only answers that prove WeCom did nothing
   * (45009/45033) are retried, never a timeout, a dropped connection, a 5xx or errcode −1, which may have run it.
   */
  idempotent?: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseMs: 500,
  capMs: 30_000,
  rateLimitBaseMs: 5_000,
  rateLimitCapMs: 60_000,
};

const RATE_LIMITED = new Set([45009, 45033]);

type Outcome = { answer: WeComAnswer } | { error: WeComNetworkError };
type Verdict = 'done' | 'retry' | 'rate-limited';

/**
 * Runs `attempt` until WeCom gives a definite answer: errcode −1, network errors, timeouts and 5xx are retried
 * with backoff, 45009/45033 after a longer one. Other answers (including token errors) are returned as they are.
 * After `maxAttempts`: WeComNetworkError, or WeComApiError for a frequency limit.
 */
export async function withRetry(
  api: string,
  attempt: () => Promise<WeComAnswer>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<WeComAnswer> {
  for (let n = 1; ; n++) {
    const outcome = await settle(attempt);
    const verdict = judge(outcome, deps.idempotent ?? true);
    if (verdict === 'done') {
      if ('error' in outcome) throw outcome.error;
      return outcome.answer;
    }
    if (n >= policy.maxAttempts) throw giveUp(api, outcome);
    const limited = verdict === 'rate-limited';
    if (limited) deps.onRateLimited?.();
    const delay = limited
      ? backoffDelay(n, policy.rateLimitBaseMs, policy.rateLimitCapMs, deps.random)
      : backoffDelay(n, policy.baseMs, policy.capMs, deps.random);
    deps.log(`wecom: ${api} ${describe(outcome)}; attempt ${n + 1}/${policy.maxAttempts} in ${delay} ms`);
    await deps.sleep(delay);
  }
}

/** Delay before attempt `n + 1`: `min(cap, base · 2^(n−1) + random() · base)`, rounded to whole ms. */
export function backoffDelay(n: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.round(Math.min(capMs, baseMs * 2 ** (n - 1) + random() * baseMs));
}

async function settle(attempt: () => Promise<WeComAnswer>): Promise<Outcome> {
  try {
    return { answer: await attempt() };
  } catch (error) {
    if (error instanceof WeComNetworkError) return { error };
    throw error;
  }
}

function judge(outcome: Outcome, idempotent: boolean): Verdict {
  if ('error' in outcome) return idempotent && isRetryableNetworkError(outcome.error) ? 'retry' : 'done';
  if (outcome.answer.errcode === -1) return idempotent ? 'retry' : 'done';
  return RATE_LIMITED.has(outcome.answer.errcode) ? 'rate-limited' : 'done';
}

function giveUp(api: string, outcome: Outcome): Error {
  if ('error' in outcome) return outcome.error;
  const { errcode, errmsg } = outcome.answer;
  if (errcode === -1) return new WeComNetworkError(api, new Error(`errcode -1 (system busy): ${errmsg}`));
  return new WeComApiError(errcode, errmsg, api);
}

function describe(outcome: Outcome): string {
  if ('error' in outcome) return `failed (${outcome.error.message})`;
  return `answered errcode ${outcome.answer.errcode}`;
}
