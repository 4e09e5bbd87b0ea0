import { buildCallback } from '../src/fake-wecom/fake-wecom-callbacks.js';
import { BENCH_APP_KEYS } from './bench-keys.js';

/** One pre-built request: path with the signed query, and the encrypted XML body. */
export interface PreparedCallback {
  path: string;
  body: string;
}

/**
 * `count` signed, encrypted app text messages, each with its own MsgId: learners `u0…` submitting assignment `a1`
 * (a `/submit` records one `submission` event per message). Built ahead so the load generator only sends bytes.
 */
export function buildSubmitCallbacks(count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  const bodies: PreparedCallback[] = [];
  for (let i = 0; i < count; i += 1) {
    const msgId = String(firstMsgId + i);
    const text = `/submit a1 第${i}份作业 https://docs.example.com/${msgId}`;
    const callback = buildCallback('app', BENCH_APP_KEYS, { from: `u${i % learners}`, text, msgId });
    bodies.push({ path: `${callback.path}?${callback.query}`, body: callback.body });
  }
  return bodies;
}

/** App text messages running one command (e.g. `/me`) from learners in turn, each with its own MsgId. */
export function buildCommandCallbacks(text: string, count: number, learners: number, firstMsgId: number): PreparedCallback[] {
  return Array.from({ length: count }, (_, i) => {
    const callback = buildCallback('app', BENCH_APP_KEYS, { from: `u${(i * 7) % learners}`, text, msgId: String(firstMsgId + i) });
    return { path: `${callback.path}?${callback.query}`, body: callback.body };
  });
}
