/** `/healthz` answers: their latencies (ms) and how many failed or were not 200. */
export interface HealthzOutcome {
  latencies: number[];
  failed: number;
}

/**
 * Asks `/healthz` again `everyMs` after each answer until stopped, timing each answer (one request at a time, so a
 * stalled server shows as one long latency, not as a pile of them).
 * @example const probe = startHealthzProbe(baseUrl); … const { latencies } = await probe.stop();
 */
export function startHealthzProbe(baseUrl: string, everyMs = 20): { stop(): Promise<HealthzOutcome> } {
  const outcome: HealthzOutcome = { latencies: [], failed: 0 };
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.status !== 200) outcome.failed += 1;
      } catch {
        outcome.failed += 1;
      }
      outcome.latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      await running;
      return outcome;
    },
  };
}
