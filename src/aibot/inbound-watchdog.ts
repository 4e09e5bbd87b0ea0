/** A timer that fires when nothing arrived for a period; `reset` on every arrival, `stop` when not listening. */
export interface InboundWatchdog {
  reset(): void;
  stop(): void;
}

/**
 * Calls `onSilence` once `periodMs` pass without a `reset`. It catches the long connection's known failure where
 * group messages stop arriving after a reconnect while pings still succeed.
 * @example const watchdog = createInboundWatchdog(600_000, () => resubscribe()); watchdog.reset();
 */
export function createInboundWatchdog(periodMs: number, onSilence: () => void): InboundWatchdog {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearTimeout(timer);
  return {
    reset() {
      stop();
      timer = setTimeout(onSilence, periodMs);
    },
    stop,
  };
}
