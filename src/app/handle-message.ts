import { dedupeKey, type InboundMessage, type MessageHandler, type Reply } from '../bot/inbound-message.js';
import { transaction, type Db } from '../db/db.js';
import { checkMessage, markProcessed } from '../db/processed-messages.js';
import { retryWhileUnavailable } from '../db/retry-while-unavailable.js';
import { MessageInFlight } from '../errors.js';
import { createGroupCommit, type GroupCommitOptions } from './group-commit.js';
import { createSingleFlight } from './single-flight.js';

/**
 * Decides the answer to one message and records what it changes through `tx`, the message's transaction; anything
 * to send later goes to the outbox in the same transaction.
 */
export type Respond = (tx: Db, message: InboundMessage, now: number) => Promise<Reply | null>;

export interface MessageDeps {
  store: Db;
  respond: Respond;
  now?: () => number;
  /** One-line operator log (default console.error). */
  log?: (line: string) => void;
}

/** A message already processed gets its stored reply and changes nothing; otherwise `respond` runs and marks it. */
async function processMessage(tx: Db, message: InboundMessage, deps: MessageDeps): Promise<Reply | null> {
  const key = dedupeKey(message);
  const now = deps.now?.() ?? Date.now();
  const status = await checkMessage(tx, key);
  if (status.kind === 'done') return status.reply;
  if (status.kind === 'in-flight') throw new MessageInFlight(key);
  const reply = await deps.respond(tx, message, now);
  await markProcessed(tx, key, reply, now);
  return reply;
}

/**
 * Processes one message exactly once, in one transaction that also marks the message processed: a message already
 * processed gets its stored reply and changes nothing.
 * @example const reply = await handleMessage(message, { store, respond });
 */
export function handleMessage(message: InboundMessage, deps: MessageDeps): Promise<Reply | null> {
  return transaction(deps.store, (tx) => processMessage(tx, message, deps));
}

/**
 * The transport-facing handler. Messages arriving together share one transaction (group commit: a commit per
 * message was a fifth of the handler's time), each in its own savepoint so a failing one rolls back only itself; a
 * reply is given only once the batch committed. A message whose transaction failed for a passing reason (the
 * database busy or briefly gone, another instance holding it) is tried again until it commits, so a message that
 * WeCom was already answered for (after 4 s) is still recorded; concurrent retries of one message share one run.
 * @example const handle = createMessageHandler({ store, respond: createRespond({ store }) });
 */
export function createMessageHandler(deps: MessageDeps, options: GroupCommitOptions = {}): MessageHandler {
  const log = deps.log ?? ((line: string) => console.error(line));
  const flight = createSingleFlight<Reply | null>();
  const commit = createGroupCommit(deps.store, (tx, message: InboundMessage) => processMessage(tx, message, deps), options);
  return (message) => {
    const key = dedupeKey(message);
    return flight(key, () => retryWhileUnavailable(() => commit(message), (error, attempt) => {
      if (attempt === 1 || attempt % 20 === 0) log(`message ${key}: storage unavailable (${describe(error)}); trying again (attempt ${attempt})`);
    }));
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ');
}
