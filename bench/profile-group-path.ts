/**
 * `node --import tsx bench/profile-group-path.ts [group-robot|ai-bot|mix] [--history] [--messages N] [--connections N]`:
 * where a group message's time goes. Runs the chat camp's server (empty, or with a month of history), profiles its
 * main thread while the traffic runs (100 connections by default), and prints the functions with the most self time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCampFiles } from './camp-files.js';
import { forkServer } from './fork-server.js';
import { runLoad } from './load.js';
import { type TrafficKind, trafficCallbacks } from './traffic.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

function nameOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const where = url ? url.replace(/^.*\/(node_modules|src|bench|test)\//, '$1/') : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

/**
 * Self time (ms) per function of one `.cpuprofile`, most first; a function without source (native: SQLite's `all`
 * and `run`, socket writes) is split by the function that called it, which is what says where the time goes.
 */
function selfTimes(profile: Profile): [string, number][] {
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const parent = parents.get(node.id);
    const native = !node.callFrame.url && parent?.callFrame.url;
    const key = native ? `${nameOf(node)} ← ${nameOf(parent)}` : nameOf(node);
    byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kind = args.find((arg): arg is TrafficKind => ['group-robot', 'ai-bot', 'mix'].includes(arg)) ?? 'group-robot';
  const history = args.includes('--history');
  const messages = Number(args[args.indexOf('--messages') + 1]) || 10_000;
  const connections = Number(args[args.indexOf('--connections') + 1]) || 100;
  const files = await buildCampFiles(2000, history ? 150 : null);
  const dir = mkdtempSync(join(tmpdir(), 'camp-bot-profile-'));
  try {
    const server = await forkServer('file', { file: history ? files.history! : files.empty });
    await runLoad({ baseUrl: server.baseUrl, connections: 50, callbacks: trafficCallbacks(kind)(2_050, 8_000_000_000_000) });
    const bodies = trafficCallbacks(kind)(messages + connections, 8_100_000_000_000);
    const profiling = await server.profile();
    const load = await runLoad({ baseUrl: server.baseUrl, connections, callbacks: bodies });
    const file = join(dir, 'server.cpuprofile');
    await profiling.stop(file);
    await server.finish();
    console.log(`${kind} on the ${history ? 'history' : 'empty'} camp, ${connections} connections: ${load.ok} messages, ${load.perSecond}/s, p99 ${load.p99} ms`);
    const top = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
    const total = top.reduce((sum, [, ms]) => sum + ms, 0);
    const busy = total - (top.find(([name]) => name === '(idle)')?.[1] ?? 0);
    console.log(`server main thread: ${Math.round(total)} ms sampled, ${Math.round(busy)} ms busy = ${((busy * 1000) / load.ok).toFixed(0)} µs per message`);
    for (const [name, ms] of top.slice(0, 40)) console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${((ms * 1000) / load.ok).toFixed(1).padStart(6)} µs/msg  ${name}`);
  } finally {
    files.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
