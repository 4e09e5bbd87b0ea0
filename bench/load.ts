import autocannon from 'autocannon';
import type { PreparedCallback } from './callback-bodies.js';

/** What one load run measured. Latencies in ms. */
export interface LoadResult {
  connections: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** How long the run took: to the last answer (autocannon's own figure waits for its next whole-second tick). */
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  /** One server, or several that share the connections round-robin (instances behind a load balancer). */
  baseUrl: string | readonly string[];
  connections: number;
  /** Each is sent once, in order, across all connections; when absent, `bare` POSTs for `durationS`. */
  callbacks?: PreparedCallback[];
  durationS?: number;
  /** Per-request timeout in seconds (WeCom gives up at 5 s; we count anything over 10 s as a timeout). */
  timeoutS?: number;
  /** Requests per second across all connections (default: as fast as the server answers). */
  ratePerSecond?: number;
}

/**
 * Drives `connections` keep-alive connections with autocannon. With `callbacks`, sends exactly
 * `callbacks.length - connections` of them (autocannon builds one request ahead on every connection).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { callbacks, connections } = options;
  let next = 0;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const callback = callbacks![next++];
    if (!callback) throw new Error('bench ran out of pre-built callbacks');
    const headers = callback.contentType ? { ...request.headers, 'content-type': callback.contentType } : request.headers;
    return { ...request, path: callback.path, body: callback.body, ...(headers ? { headers } : {}) };
  };
  // autocannon reports only on its once-a-second tick, so its duration can overstate a short run by up to a second.
  let lastAnswer = 0;
  const onResponse = (): void => {
    lastAnswer = performance.now();
  };
  const started = performance.now();
  const result = await autocannon({
    url: [options.baseUrl].flat().map((base) => `${base}/wecom/app`),
    connections,
    timeout: options.timeoutS ?? 10,
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    ...(options.ratePerSecond ? { overallRate: options.ratePerSecond } : {}),
    ...(callbacks
      ? { amount: callbacks.length - connections, requests: [{ method: 'POST', setupRequest, onResponse }] }
      : { duration: options.durationS ?? 10, body: '<xml><Encrypt>x</Encrypt></xml>' }),
  });
  // With failures the run ends with an error or timeout, not an answer; autocannon's figure is the better one then.
  const seconds = callbacks && lastAnswer > 0 && result.errors === 0 ? (lastAnswer - started) / 1000 : result.duration;
  return loadResult(result, connections, seconds);
}

function loadResult(result: autocannon.Result, connections: number, seconds: number): LoadResult {
  return {
    connections,
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    perSecond: Math.round(result['2xx'] / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
