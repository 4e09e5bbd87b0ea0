import { type GroupChannel, chatterCallback } from './chatter-callbacks.js';
import { seededRandom } from './seeded-random.js';

/** What the senders saw: MsgIds answered 200 (per channel, as the dedupe keys name them), failures and latencies. */
export interface ChatterOutcome {
  /** `group-robot:<MsgId>` / `ai-bot:<MsgId>` of every message answered 200. */
  acked: string[];
  failed: number;
  latencies: number[];
}

export interface PacedChatterOptions {
  /** Concurrent senders, each with one request in flight at most. */
  senders: number;
  /** Messages per second across all senders (moderate load, not a throughput test). */
  perSecond: number;
  learners: number;
  msgIdBase: number;
}

const CHANNELS: GroupChannel[] = ['group-robot', 'ai-bot'];
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Group chatter (group robot and AI bot in turn) into the bench chat camp at a steady rate, each callback signed when
 * sent; `stop()` waits for the requests in flight and resolves with what happened.
 * @example const chatter = startPacedChatter(baseUrl, { senders: 20, perSecond: 200, learners: 2000, msgIdBase: 1e12 });
 */
export function startPacedChatter(baseUrl: string, options: PacedChatterOptions): { stop(): Promise<ChatterOutcome> } {
  const outcome: ChatterOutcome = { acked: [], failed: 0, latencies: [] };
  const random = seededRandom(options.msgIdBase % 2 ** 31);
  const intervalMs = (1000 * options.senders) / options.perSecond;
  let stopped = false;
  let next = 0;
  const sendOne = async (): Promise<void> => {
    const n = next++;
    const channel = CHANNELS[n % 2]!;
    const msgId = String(options.msgIdBase + n);
    const callback = chatterCallback(channel, `u${Math.floor(random() * options.learners)}`, msgId, random);
    const started = performance.now();
    try {
      const headers = { 'content-type': callback.contentType ?? 'text/xml' };
      const response = await fetch(`${baseUrl}${callback.path}`, { method: 'POST', body: callback.body, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status === 200) outcome.acked.push(`${channel}:${msgId}`);
      else outcome.failed += 1;
    } catch {
      outcome.failed += 1;
    }
    outcome.latencies.push(performance.now() - started);
  };
  const sender = async (): Promise<void> => {
    while (!stopped) {
      const started = performance.now();
      await sendOne();
      const rest = intervalMs - (performance.now() - started);
      if (rest > 0 && !stopped) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  };
  const running = Promise.all(Array.from({ length: options.senders }, sender));
  return {
    async stop() {
      stopped = true;
      await running;
      return outcome;
    },
  };
}
