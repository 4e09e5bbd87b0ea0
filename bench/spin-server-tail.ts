/**
 * `node --import tsx bench/spin-server-tail.ts`: the latency tail of a plain Koa handler that only burns CPU (0, 150
 * and 300 µs a request, in its own process), driven like the load runs (2,000 keep-alive connections, 30,000
 * requests after a warm-up), three runs each. It separates what camp-bot's code costs from what a saturated Node
 * process does to the p99 of 2,000 closed-loop connections on this machine.
 *
 * The server also reports when it accepted each connection of a run. libuv (1.45 and later, Node 20) accepts one
 * connection each time the event loop polls the listening socket; a saturated loop polls it once a pass over every
 * busy connection (hundreds of ms), so connections still in the accept queue when the loop fills up wait there, one
 * accepted a pass, until the load ends. Those connections make the p99.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Koa from 'koa';

const SPINS_US = [0, 150, 300];
const RUNS = 3;
const CONNECTIONS = 2000;
const LATE_ACCEPT_MS = 2000;

interface AcceptReport {
  connections: number;
  late: number;
  lastMs: number;
}

function serveSpinning(spinUs: number): void {
  const app = new Koa();
  app.use((ctx) => {
    const end = performance.now() + spinUs / 1000;
    while (performance.now() < end);
    ctx.body = 'ok';
  });
  let accepted: number[] = [];
  const server = app.listen(0, '127.0.0.1', 4096, () => {
    const address = server.address();
    process.send!(typeof address === 'object' && address ? address.port : 0);
  });
  server.on('connection', () => accepted.push(performance.now()));
  // Asked after each run: how late, after the run's first connection, its connections were accepted.
  process.on('message', () => {
    const first = accepted[0] ?? 0;
    const report: AcceptReport = {
      connections: accepted.length,
      late: accepted.filter((at) => at - first > LATE_ACCEPT_MS).length,
      lastMs: Math.round((accepted.at(-1) ?? first) - first),
    };
    accepted = [];
    process.send!(report);
  });
}

async function measure(spinUs: number): Promise<string[]> {
  const child = fork(fileURLToPath(import.meta.url), ['server', String(spinUs)], { execArgv: ['--import', 'tsx'] });
  const nextMessage = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
  const acceptReport = (): Promise<AcceptReport> => {
    const report = nextMessage<AcceptReport>();
    child.send('report');
    return report;
  };
  try {
    const url = `http://127.0.0.1:${await nextMessage<number>()}/`;
    const lines: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      await autocannon({ url, connections: CONNECTIONS, amount: 4000 });
      await acceptReport();
      const result = await autocannon({ url, connections: CONNECTIONS, amount: 30_000, timeout: 10 });
      const accepts = await acceptReport();
      lines.push(
        `spin ${spinUs} µs: ${Math.round(result.requests.average)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `max ${result.latency.max} ms, ${result.errors} errors; ${accepts.late} of ${accepts.connections} connections accepted ` +
          `> ${LATE_ACCEPT_MS} ms after the first (last at ${accepts.lastMs} ms)`,
      );
    }
    return lines;
  } finally {
    child.kill();
  }
}

if (process.argv[2] === 'server') serveSpinning(Number(process.argv[3]));
else for (const spinUs of SPINS_US) for (const line of await measure(spinUs)) console.log(line);
