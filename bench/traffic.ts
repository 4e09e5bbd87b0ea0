import { type BuildCallbacks, CAMP_LEARNERS, type CallbackRun, runCallbacks, type RunSize } from './callbacks.js';
import { buildChatterCallbacks } from './chatter-callbacks.js';
import { buildMixCallbacks } from './traffic-mix.js';

/** What a run sends: chatter from one group channel, or the whole traffic mix (`TRAFFIC_MIX`). */
export type TrafficKind = 'group-robot' | 'ai-bot' | 'mix';
/** The chat camp with no history, or after a month of it. */
export type CampState = 'empty' | 'history';

export interface TrafficRun {
  kind: TrafficKind;
  camp: CampState;
  run: CallbackRun;
}

/** How `kind`'s callbacks are built, from the chat camp's learners. */
export function trafficCallbacks(kind: TrafficKind): BuildCallbacks {
  if (kind === 'mix') return (count, first) => buildMixCallbacks(count, CAMP_LEARNERS, first);
  return (count, first) => buildChatterCallbacks(kind, count, CAMP_LEARNERS, first);
}

/**
 * `kind` traffic from the chat camp's 2,000 learners into a fresh server over a copy of `campFile` (see
 * `buildCampFiles`). Plain chatter records nothing but participation, so the ledger check is that some counted
 * and no more than one per message.
 */
export async function runTraffic(kind: TrafficKind, camp: CampState, campFile: string, connections: number, size: RunSize): Promise<TrafficRun> {
  const recorded = (report: { participation: number }, acked: number) => report.participation > 0 && report.participation <= acked;
  const run = await runCallbacks({ mode: 'file', options: { file: campFile } }, connections, size, trafficCallbacks(kind), recorded);
  return { kind, camp, run };
}
