import type { PreparedCallback } from './callback-bodies.js';
import { buildSubmitCallbacks } from './callback-bodies.js';
import { type ForkedServer, type ForkOptions, forkServer, type ServerMode } from './fork-server.js';
import { type LoadResult, runLoad } from './load.js';
import type { ServerReport } from './server-process.js';

/** One load run against the real server, with what its ledger held afterwards. */
export interface CallbackRun {
  load: LoadResult;
  server: ServerReport;
  /** Every acknowledged message is processed exactly once, the ledger holds only what the messages record, and its chain verifies. */
  ledgerOk: boolean;
  /**
   * Messages of the run per second until the last was recorded: the same as the load's rate unless answers came at
   * the reply deadline (an empty 200 after 4 s, the message still being recorded).
   */
  recordedPerSecond: number;
}

/** One load run against the bare Koa endpoint. */
export interface BareRun {
  load: LoadResult;
  rssMb: number;
}

/** `count` callbacks with MsgIds from `firstMsgId` on. */
export type BuildCallbacks = (count: number, firstMsgId: number) => PreparedCallback[];

/** How many messages a run sends; the warm-up goes first over 50 connections and is in the ledger check too. */
export interface RunSize {
  messages: number;
  warmUp: number;
}

export const CAMP_LEARNERS = 2_000;
export const CAMP_EVENTS = 20_000;
const WARM_UP_CONNECTIONS = 50;
let nextMsgId = 7_000_000_000_000;

function takeMsgIds(count: number): number {
  const first = nextMsgId;
  nextMsgId += count;
  return first;
}

/**
 * Fresh server process (`mode`, `options`), warmed up, then `size.messages` callbacks from `build` over `connections`
 * connections. `recorded` says whether the run's new events are what `acked` messages should have recorded (checked
 * when every answer arrived).
 */
export async function runCallbacks(
  server: { mode: ServerMode; options: ForkOptions },
  connections: number,
  size: RunSize,
  build: BuildCallbacks,
  recorded: (report: ServerReport, acked: number) => boolean,
): Promise<CallbackRun> {
  const { run } = await driveCallbacks([await forkServer(server.mode, server.options)], connections, size, build, recorded);
  return run;
}

/**
 * `runCallbacks` on servers already running (several share the connections round-robin, like instances behind a
 * load balancer), which all exit after. The run's report is the last server's ledger counts (the servers share one
 * database, so each sees them all), their late answers together and the highest peak RSS; `reports` has each
 * server's own.
 */
export async function driveCallbacks(
  servers: readonly ForkedServer[],
  connections: number,
  size: RunSize,
  build: BuildCallbacks,
  recorded: (report: ServerReport, acked: number) => boolean,
): Promise<{ run: CallbackRun; reports: ServerReport[] }> {
  const baseUrl = servers.map((server) => server.baseUrl);
  const warm = build(size.warmUp + WARM_UP_CONNECTIONS, takeMsgIds(size.warmUp + WARM_UP_CONNECTIONS));
  await runLoad({ baseUrl, connections: WARM_UP_CONNECTIONS, callbacks: warm });
  const bodies = build(size.messages + connections, takeMsgIds(size.messages + connections));
  const started = performance.now();
  const load = await runLoad({ baseUrl, connections, callbacks: bodies });
  await Promise.all(servers.map((server) => server.drained()));
  const recordedPerSecond = Math.round(load.ok / ((performance.now() - started) / 1000));
  const reports: ServerReport[] = [];
  for (const server of servers) reports.push(await server.finish());
  // The last to finish counted after every other had recorded all it acknowledged and exited.
  const report = { ...reports.at(-1)!, late: reports.reduce((sum, r) => sum + r.late, 0), peakRssMb: Math.max(...reports.map((r) => r.peakRssMb)) };
  const acked = load.ok + size.warmUp;
  const clean = load.non2xx === 0 && load.errors === 0;
  // With failures, a message may be processed without its answer arriving; it must still never be lost.
  const processed = clean ? report.processed === acked : report.processed >= acked;
  const onlyTheirs = report.events === report.participation + report.submissions;
  const ledgerOk = processed && onlyTheirs && report.chainOk && (!clean || recorded(report, acked));
  return { run: { load, server: report, ledgerOk, recordedPerSecond }, reports };
}

/** App `/submit` callbacks from the bench camp's learners, each recording one `submission` event. */
export const buildCampSubmits: BuildCallbacks = (count, first) => buildSubmitCallbacks(count, CAMP_LEARNERS, first);

/** What `/submit` callbacks should have recorded: one submission per acknowledged message, nothing else. */
export const submitsRecorded = (report: ServerReport, acked: number): boolean => report.submissions === acked && report.participation === 0;

/**
 * The bench camp (2,000 learners, 20,000 events) receiving app `/submit` callbacks, each recording one
 * `submission` event.
 */
export function runCampCallbacks(connections: number, size: RunSize): Promise<CallbackRun> {
  const server = { mode: 'camp' as const, options: { learners: CAMP_LEARNERS, events: CAMP_EVENTS } };
  return runCallbacks(server, connections, size, buildCampSubmits, submitsRecorded);
}

/** A Koa endpoint that does no work, in its own process, for `durationS` seconds. */
export async function runBareKoa(connections: number, durationS: number): Promise<BareRun> {
  const server = await forkServer('bare');
  await runLoad({ baseUrl: server.baseUrl, connections: 50, durationS: 1 });
  const load = await runLoad({ baseUrl: server.baseUrl, connections, durationS });
  return { load, rssMb: (await server.finish()).peakRssMb };
}
