import { buildCallback } from '../src/fake-wecom/fake-wecom-callbacks.js';
import { BENCH_APP_KEYS } from './bench-keys.js';

/** One pre-built request: path with the signed query, and the encrypted body (XML unless `contentType` says JSON). */
export interface PreparedCallback {
  path: string;
  body: string;
  contentType?: string;
}

/** One signed, encrypted app (1:1) text message. */
export function appCallback(from: string, text: string, msgId: string): PreparedCallback {
  const callback = buildCallback('app', BENCH_APP_KEYS, { from, text, msgId });
  return { path: `${callback.path}?${callback.query}`, body: callback.body };
}

/** The `/submit` a learner sends for assignment `a1`: one `submission` event. */
export function submitText(msgId: string): string {
  return `/submit a1 第${msgId}份作业 https://docs.example.com/${msgId}`;
}

/**
 * `count` signed, encrypted app text messages, each with its own MsgId: learners `u0…` submitting assignment `a1`
 * (a `/submit` records one `submission` event per message). Built ahead so the load generator only sends bytes.
 */
export function buildSubmitCallbacks(count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  return Array.from({ length: count }, (_, i) => appCallback(`u${i % learners}`, submitText(String(firstMsgId + i)), String(firstMsgId + i)));
}

/** App text messages running one command (e.g. `/me`) from learners in turn, each with its own MsgId. */
export function buildCommandCallbacks(text: string, count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  return Array.from({ length: count }, (_, i) => appCallback(`u${(i * 7) % learners}`, text, String(firstMsgId + i)));
}
