import { buildSubmitCallbacks } from './callback-bodies.js';
import { forkServer } from './fork-server.js';
import { type LoadResult, runLoad } from './load.js';
import type { ServerReport } from './server-process.js';

/** One load run against the real server, with what its ledger held afterwards. */
export interface CallbackRun {
  load: LoadResult;
  server: ServerReport;
  /** Every acknowledged message is processed and recorded exactly once (and nothing else was). */
  ledgerOk: boolean;
}

/** One load run against the bare Koa endpoint. */
export interface BareRun {
  load: LoadResult;
  rssMb: number;
}

export const CAMP_LEARNERS = 2_000;
const CAMP_EVENTS = 20_000;
const WARM_UP = 3_000;
let nextMsgId = 7_000_000_000_000;

function takeMsgIds(count: number): number {
  const first = nextMsgId;
  nextMsgId += count;
  return first;
}

/**
 * Fresh server process with a WAL file database and the bench camp (2,000 learners), warmed up, then `messages`
 * `/submit` callbacks over `connections` connections. The ledger check compares 2xx answers with
 * `processed_messages` and the `submission` events the run added.
 */
export async function runCampCallbacks(connections: number, messages: number): Promise<CallbackRun> {
  const server = await forkServer('camp', { learners: CAMP_LEARNERS, events: CAMP_EVENTS });
  const warm = buildSubmitCallbacks(WARM_UP + 50, CAMP_LEARNERS, takeMsgIds(WARM_UP + 50));
  await runLoad({ baseUrl: server.baseUrl, connections: 50, callbacks: warm });
  const bodies = buildSubmitCallbacks(messages + connections, CAMP_LEARNERS, takeMsgIds(messages + connections));
  const load = await runLoad({ baseUrl: server.baseUrl, connections, callbacks: bodies });
  const report = await server.finish();
  const acked = load.ok + WARM_UP;
  const clean = load.non2xx === 0 && load.errors === 0;
  // With failures, a message may be processed without its answer arriving; it must still never be lost.
  const counts = clean ? report.processed === acked && report.submissions === acked : report.processed >= acked;
  return { load, server: report, ledgerOk: counts && report.events === report.submissions && report.chainOk };
}

/** A Koa endpoint that does no work, in its own process, for `durationS` seconds. */
export async function runBareKoa(connections: number, durationS: number): Promise<BareRun> {
  const server = await forkServer('bare');
  await runLoad({ baseUrl: server.baseUrl, connections: 50, durationS: 1 });
  const load = await runLoad({ baseUrl: server.baseUrl, connections, durationS });
  return { load, rssMb: (await server.finish()).peakRssMb };
}
