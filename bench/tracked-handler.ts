import type { MessageHandler } from '../src/bot/inbound-message.js';

/** The callback server answers WeCom an empty 200 when handling takes longer than this (its default). */
const REPLY_DEADLINE_MS = 4_000;

/** A message handler that knows how many messages are still being handled and how many missed the reply deadline. */
export interface TrackedHandler {
  handle: MessageHandler;
  /** Messages whose handling ended after the deadline: acknowledged with an empty 200 before they were recorded. */
  late(): number;
  /** Resolves once no message is being handled (what was acknowledged is then recorded, or failed). */
  drained(): Promise<void>;
}

/**
 * Wraps `handle` so that a benchmark can wait for every message it acknowledged to be handled before it counts the
 * ledger, and say how many answers came only at the reply deadline.
 * @example const tracked = trackHandler(handle); … await tracked.drained(); tracked.late()
 */
export function trackHandler(handle: MessageHandler): TrackedHandler {
  let inFlight = 0;
  let late = 0;
  let idle: (() => void)[] = [];
  const tracked: MessageHandler = async (message) => {
    inFlight += 1;
    const started = performance.now();
    try {
      return await handle(message);
    } finally {
      if (performance.now() - started > REPLY_DEADLINE_MS) late += 1;
      inFlight -= 1;
      if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
    }
  };
  return {
    handle: tracked,
    late: () => late,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}
