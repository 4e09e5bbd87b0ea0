/**
 * `node --import tsx bench/spin-server-tail.ts`: the latency tail of a plain Koa handler that only burns CPU (0, 150
 * and 300 µs a request, in its own process), driven like the load runs (2,000 keep-alive connections, 30,000
 * requests after a warm-up). It separates what camp-bot's code costs from what a saturated Node process does to the
 * p99 of 2,000 closed-loop connections on this machine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Koa from 'koa';

const SPINS_US = [0, 150, 300];

async function serveSpinning(spinUs: number): Promise<void> {
  const app = new Koa();
  app.use((ctx) => {
    const end = performance.now() + spinUs / 1000;
    while (performance.now() < end);
    ctx.body = 'ok';
  });
  const server = app.listen(0, '127.0.0.1', 4096, () => {
    const address = server.address();
    process.send!(typeof address === 'object' && address ? address.port : 0);
  });
}

async function measure(spinUs: number): Promise<string> {
  const child = fork(fileURLToPath(import.meta.url), ['server', String(spinUs)], { execArgv: ['--import', 'tsx'] });
  try {
    const port = await new Promise<number>((resolve) => child.once('message', (message) => resolve(Number(message))));
    const url = `http://127.0.0.1:${port}/`;
    await autocannon({ url, connections: 2000, amount: 4000 });
    const run = await autocannon({ url, connections: 2000, amount: 30_000, timeout: 10 });
    return `spin ${spinUs} µs: ${Math.round(run.requests.average)}/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, max ${run.latency.max} ms, ${run.errors} errors`;
  } finally {
    child.kill();
  }
}

if (process.argv[2] === 'server') await serveSpinning(Number(process.argv[3]));
else for (const spinUs of SPINS_US) console.log(await measure(spinUs));
