import { newSession, signSession } from '../src/console/session-cookie.js';
import { BENCH_SESSION_SECRET } from './bench-keys.js';
import { buildSubmitCallbacks } from './callback-bodies.js';
import { forkServer } from './fork-server.js';
import { summarizeLatencies, type LatencySummary } from './latency-summary.js';
import { type LoadResult, runLoad } from './load.js';

/** One console route under load: its first call (nothing cached yet) and its latencies while callbacks ran. */
export interface ConsoleRouteRun {
  route: string;
  coldMs: number;
  latency: LatencySummary;
  failed: number;
}

export interface ConsoleBench {
  routes: ConsoleRouteRun[];
  /** Every console request of the run together. */
  overall: LatencySummary;
  /** The `/submit` callbacks sent meanwhile. */
  callbacks: LoadResult;
  rssMb: number;
  learners: number;
  events: number;
}

const LEARNERS = 2_000;
const EVENTS = 200_000;
const CAMP = '/api/camps/bench';
/** What the console is asked, per 20 requests: mostly learners opening their page, some trainers at work. */
const MIX: { route: string; per20: number; trainer?: true }[] = [
  { route: '/api/me', per20: 2 },
  { route: `${CAMP}/me`, per20: 4 },
  { route: `${CAMP}/me/insight`, per20: 3 },
  { route: `${CAMP}/me/history`, per20: 2 },
  { route: `${CAMP}/awards`, per20: 2 },
  { route: `${CAMP}/assignments`, per20: 1 },
  { route: `${CAMP}/quizzes`, per20: 1 },
  { route: `${CAMP}/standings`, per20: 2, trainer: true },
  { route: `${CAMP}/submissions`, per20: 2, trainer: true },
  { route: `${CAMP}/awards/preview`, per20: 1, trainer: true },
];
/** Console requests per second (a busy hour of a 2,000-learner camp, every learner opening a page or two), as arrivals. */
const PER_SECOND = 20;
const REQUESTS = 1_200;
/** Clients sending at once at most; a slow answer delays only its own client. */
const CLIENTS = 20;
const CALLBACKS_PER_SECOND = 100;

/**
 * Console API latency for a 2,000-learner camp with 200,000 events (the bench camp, in a server child with the console
 * mounted as `serve` does) while app `/submit` callbacks arrive at a steady rate: each route is called once alone
 * first, then `REQUESTS` requests of the mix arrive at `PER_SECOND` over `CLIENTS` clients, learners chosen in turn.
 */
export async function runConsoleBench(): Promise<ConsoleBench> {
  const server = await forkServer('camp', { learners: LEARNERS, events: EVENTS });
  const cookies = Array.from({ length: LEARNERS }, (_, i) => cookieOf(`u${i}`));
  const trainer = cookieOf('trainer1');
  const timed = async (route: string, cookie: string): Promise<{ ms: number; ok: boolean }> => {
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}${route}`, { headers: { cookie, accept: 'application/json' } });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === 200 };
  };
  const cold = new Map<string, number>();
  for (const { route, trainer: isTrainer } of MIX) cold.set(route, (await timed(route, isTrainer ? trainer : cookies[7]!)).ms);
  const plan = MIX.flatMap((m) => Array<(typeof MIX)[number]>(m.per20).fill(m));
  const latencies = new Map<string, number[]>(MIX.map((m) => [m.route, []]));
  const failed = new Map<string, number>();
  const seconds = REQUESTS / PER_SECOND;
  const callbacks = runLoad({
    baseUrl: server.baseUrl, connections: 10, ratePerSecond: CALLBACKS_PER_SECOND,
    callbacks: buildSubmitCallbacks(seconds * CALLBACKS_PER_SECOND + 10, LEARNERS, 7_000_000_000_000),
  });
  const started = performance.now();
  let next = 0;
  const client = async (): Promise<void> => {
    for (let n = next++; n < REQUESTS; n = next++) {
      const due = started + (n * 1000) / PER_SECOND - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      const { route, trainer: isTrainer } = plan[n % plan.length]!;
      const { ms, ok } = await timed(route, isTrainer ? trainer : cookies[(n * 13) % LEARNERS]!);
      latencies.get(route)!.push(ms);
      if (!ok) failed.set(route, (failed.get(route) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const callbackLoad = await callbacks;
  const report = await server.finish();
  return {
    routes: MIX.map(({ route }) => ({ route, coldMs: Math.round(cold.get(route)!), latency: summarizeLatencies(latencies.get(route)!), failed: failed.get(route) ?? 0 })),
    overall: summarizeLatencies([...latencies.values()].flat()),
    callbacks: callbackLoad,
    rssMb: report.peakRssMb,
    learners: LEARNERS,
    events: EVENTS,
  };
}

function cookieOf(userid: string): string {
  const session = newSession(userid, Date.now());
  return `campbot_session=${signSession(BENCH_SESSION_SECRET, session)}`;
}
