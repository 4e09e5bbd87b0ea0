import { DEFAULT_TIMINGS, startLongConnection, type LongConnection, type LongConnectionTimings } from '../aibot/long-connection.js';
import type { InboundMessage, MessageHandler, Reply } from '../bot/inbound-message.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { storeLease } from './store-lease.js';

export interface AiBotDeps {
  store: Db;
  /** The callbacks' message pipeline. */
  handle: MessageHandler;
  /** Where an answer the socket could not carry goes (as a late callback reply). */
  onUndelivered: (message: InboundMessage, reply: Reply) => void;
  /** This process, as the lease's holder. */
  holder: string;
  log: (line: string) => void;
  timings?: Partial<LongConnectionTimings>;
}

export const AIBOT_LEASE = 'aibot-long-connection';
/** Three renewals (every `leaseMs`, 10 s) fit in a lease: a holder that misses one keeps it, a dead one loses it. */
const LEASE_RENEWALS = 3;

/**
 * Opens the AI bot's long connection when `WECOM_AIBOT_ID` and `WECOM_AIBOT_SECRET` are set (null otherwise), holding
 * a lease in the store so that with several instances exactly one connects. Only `serve` calls this.
 * @example const aibot = startAiBot(config, { store, handle, onUndelivered, holder, log }); … await aibot?.stop();
 */
export function startAiBot(config: Config, deps: AiBotDeps): LongConnection | null {
  if (!config.aibotId || !config.aibotSecret) return null;
  const leaseMs = deps.timings?.leaseMs ?? DEFAULT_TIMINGS.leaseMs;
  return startLongConnection({
    botId: config.aibotId,
    secret: config.aibotSecret,
    wsUrl: config.aibotWsUrl,
    lease: storeLease(deps.store, AIBOT_LEASE, deps.holder, LEASE_RENEWALS * leaseMs),
    handle: deps.handle,
    onUndelivered: deps.onUndelivered,
    log: deps.log,
    timings: deps.timings,
  });
}
