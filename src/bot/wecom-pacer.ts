/** Delays (never drops) sends so that no key gets more than `limit` in any `windowMs`. */
export interface Pacer {
  /** Waits until `key` may send, then counts one send for it. */
  acquire(key: string): Promise<void>;
  /** Halves every key's allowance (down to 1) until a whole window passes without another call. */
  slowDown(): void;
  /** Sends per window currently allowed. */
  currentLimit(): number;
}

export interface PacerOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const MAX_SLOWDOWN_LEVEL = 5;
const SWEEP_ABOVE_KEYS = 1_000;

/**
 * A sliding-window limiter per key, e.g. WeCom's 30 messages a minute per member.
 * @example const pacer = createPacer({ limit: 30, windowMs: 60_000, now: Date.now, sleep }); await pacer.acquire('user:zhangsan');
 */
export function createPacer({ limit, windowMs, now, sleep }: PacerOptions): Pacer {
  const sent = new Map<string, number[]>();
  let level = 0;
  let slowedAt = -Infinity;
  let sweptAt = -Infinity;

  const currentLimit = (): number => {
    if (now() - slowedAt >= windowMs) level = 0;
    return Math.max(1, Math.floor(limit / 2 ** level));
  };
  const sweep = (t: number): void => {
    if (sent.size < SWEEP_ABOVE_KEYS || t - sweptAt < windowMs) return;
    sweptAt = t;
    for (const [key, times] of sent) if (times.every((s) => s <= t - windowMs)) sent.delete(key);
  };

  return {
    async acquire(key) {
      for (;;) {
        const t = now();
        sweep(t);
        const times = (sent.get(key) ?? []).filter((s) => s > t - windowMs);
        sent.set(key, times);
        const allowed = currentLimit();
        if (times.length < allowed) {
          times.push(t);
          return;
        }
        await sleep(times[times.length - allowed]! + windowMs - t);
      }
    },
    slowDown() {
      currentLimit(); // a slowdown from long ago has lapsed
      level = Math.min(level + 1, MAX_SLOWDOWN_LEVEL);
      slowedAt = now();
    },
    currentLimit,
  };
}
