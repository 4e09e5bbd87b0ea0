import type { ConnectionLease } from './connection-lease.js';

export interface LeaseKeeperHooks {
  onGained(): void;
  onLost(): void;
  log: (line: string) => void;
}

/** Keeps asking for the lease: a holder renews it, anyone else tries to acquire it, every `intervalMs`. */
export interface LeaseKeeper {
  readonly holding: boolean;
  /** Renews now (after any check in progress); false, and `onLost`, when this instance no longer holds it. */
  confirm(): Promise<boolean>;
  /** Stops asking and releases the lease if held. */
  stop(): Promise<void>;
}

/**
 * Starts at once (so a holder connects within moments of start) and checks again every `intervalMs`. A failing
 * store counts as not holding: better no connection for a while than two.
 * @example const keeper = keepLease(lease, 10_000, { onGained: connect, onLost: disconnect, log });
 */
export function keepLease(lease: ConnectionLease, intervalMs: number, hooks: LeaseKeeperHooks): LeaseKeeper {
  let holding = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const ask = async (): Promise<boolean> => {
    const held = await (holding ? lease.renew() : lease.acquire()).catch((error: unknown) => {
      hooks.log(`aibot: lease check failed (${String((error as Error)?.message ?? error)}); counting it as not held`);
      return false;
    });
    if (stopped || held === holding) return held;
    holding = held;
    if (held) hooks.onGained();
    else hooks.onLost();
    return held;
  };
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };
  const tick = () => {
    void serially(ask).finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();

  return {
    get holding() {
      return holding;
    },
    confirm: () => serially(() => (holding ? ask() : Promise.resolve(false))),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
      if (!holding) return;
      holding = false;
      await lease.release().catch((error: unknown) => hooks.log(`aibot: lease release failed: ${String((error as Error)?.message ?? error)}`));
    },
  };
}
