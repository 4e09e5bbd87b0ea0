import type { Channel } from '../../src/bot/inbound-message.js';
import { buildCallback, type FakeCallback, type FakeMessage, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { APP_KEYS, BOT_KEYS, BOT_NAME, CHAT_ID } from '../support/camp-fixture.js';

/** What a load run saw: the MsgIds that got a 200, and how many requests failed (connection refused after a kill). */
export interface LoadOutcome {
  acked: string[];
  failed: number;
}

export interface LoadControl {
  /** Resolves when every worker has stopped (after `stop()` or once the server stops answering). */
  done: Promise<LoadOutcome>;
  /** MsgIds acknowledged so far. */
  acked(): number;
  stop(): void;
}

const LEARNERS = ['ming', 'hong', 'gang', 'li', 'hua'];

/** True for the sequence numbers that carry a trainer's `/awards preview` rather than a submission. */
export function isPreview(n: number): boolean {
  return n % 25 === 24;
}

/**
 * The callback for sequence number `n`: a learner's app message `/submit a1 作业-<MsgId>` (one `submission` event
 * whose text names the MsgId), and every 25th the trainer's `/awards preview` in the group chat (one outbox message).
 */
export function loadMessage(n: number, msgIdBase: number): { channel: Channel; message: FakeMessage } {
  const msgId = String(msgIdBase + n);
  if (isPreview(n)) return { channel: 'group-robot', message: { from: 'zhang', text: `@${BOT_NAME} /awards preview`, chatId: CHAT_ID, msgId } };
  return { channel: 'app', message: { from: LEARNERS[n % LEARNERS.length]!, text: `/submit a1 作业-${msgId}`, msgId } };
}

/** The signed, encrypted request for sequence number `n`, signed at `nowMs`. */
export function loadCallback(n: number, msgIdBase: number, nowMs = Date.now()): FakeCallback {
  const { channel, message } = loadMessage(n, msgIdBase);
  return buildCallback(channel, channel === 'app' ? APP_KEYS : BOT_KEYS, message, { timestamp: Math.floor(nowMs / 1000) });
}

/** `workers` concurrent senders of signed, encrypted app callbacks until stopped or the server goes away. */
export function startLoad(baseUrl: string, workers: number, msgIdBase: number): LoadControl {
  const acked: string[] = [];
  let failed = 0;
  let stopped = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const n = next++;
      try {
        const response = await postCallback(baseUrl, loadCallback(n, msgIdBase));
        if (response.status === 200) acked.push(String(msgIdBase + n));
        else failed += 1;
      } catch {
        failed += 1;
        if (failed > workers * 3) return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => ({ acked, failed }));
  return { done, acked: () => acked.length, stop: () => (stopped = true) };
}
