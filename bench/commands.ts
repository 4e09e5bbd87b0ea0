import { buildCommandCallbacks } from './callback-bodies.js';
import { forkServer } from './fork-server.js';
import { type LoadResult, runLoad } from './load.js';

/** Latency of one chat command over HTTP: the first call (standings computed) and steady state (cached). */
export interface CommandRun {
  command: string;
  coldMs: number;
  load: LoadResult;
}

export interface CommandBench {
  runs: CommandRun[];
  rssMb: number;
  learners: number;
  events: number;
}

const LEARNERS = 2_000;
const EVENTS = 200_000;
const REQUESTS = 2_000;
const CONNECTIONS = 10;

/**
 * `/me` and `/rank` from learners through signed, encrypted app callbacks, against a fresh server whose camp has
 * 2,000 learners and 200,000 events. Each command is first sent once alone (the standings are computed then),
 * then `REQUESTS` times over `CONNECTIONS` connections.
 */
export async function runCommandBench(): Promise<CommandBench> {
  const server = await forkServer('camp', { learners: LEARNERS, events: EVENTS });
  const runs: CommandRun[] = [];
  let msgId = 9_000_000_000_000;
  for (const command of ['/me', '/rank']) {
    const [first] = buildCommandCallbacks(command, 1, LEARNERS, msgId++);
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}${first!.path}`, { method: 'POST', body: first!.body, headers: { 'content-type': 'text/xml' } });
    await response.text();
    if (response.status !== 200) throw new Error(`${command} answered ${response.status}`);
    const coldMs = Math.round(performance.now() - started);
    const bodies = buildCommandCallbacks(command, REQUESTS + CONNECTIONS, LEARNERS, msgId);
    msgId += REQUESTS + CONNECTIONS;
    runs.push({ command, coldMs, load: await runLoad({ baseUrl: server.baseUrl, connections: CONNECTIONS, callbacks: bodies }) });
  }
  const report = await server.finish();
  return { runs, rssMb: report.peakRssMb, learners: LEARNERS, events: EVENTS };
}
