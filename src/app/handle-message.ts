import type Sqlite from 'better-sqlite3';
import { dedupeKey, type InboundMessage, type MessageHandler, type Reply } from '../bot/inbound-message.js';
import { findProcessedReply, markProcessed } from '../db/processed-messages.js';
import { createGroupCommit, type GroupCommitOptions } from './group-commit.js';
import { createSingleFlight } from './single-flight.js';

/**
 * Decides the answer to one message and records what it changes. Runs inside the message's transaction, so it
 * must be synchronous; anything to send later goes to the outbox in the same transaction.
 */
export type Respond = (message: InboundMessage, now: number) => Reply | null;

export interface MessageDeps {
  sqlite: Sqlite.Database;
  respond: Respond;
  now?: () => number;
}

/** A message already processed gets its stored reply and changes nothing; otherwise `respond` runs and marks it. */
function processMessage(message: InboundMessage, deps: MessageDeps): Reply | null {
  const key = dedupeKey(message);
  const now = deps.now?.() ?? Date.now();
  const done = findProcessedReply(deps.sqlite, key);
  if (done !== undefined) return done;
  const reply = deps.respond(message, now);
  // SQLite itself rolls the whole transaction back on some failures (disk full, I/O); whatever `respond` recorded is
  // gone then, so the message must not be marked processed outside a transaction.
  if (!deps.sqlite.inTransaction) throw new Error(`transaction rolled back while processing ${key}`);
  markProcessed(deps.sqlite, key, reply, now);
  return reply;
}

/**
 * Processes one message exactly once, in one immediate transaction that also marks the message processed: a
 * message already processed gets its stored reply and changes nothing.
 * @example const reply = handleMessage(message, { sqlite, respond });
 */
export function handleMessage(message: InboundMessage, deps: MessageDeps): Reply | null {
  return deps.sqlite.transaction(processMessage).immediate(message, deps);
}

/**
 * The transport-facing handler. Messages arriving together share one transaction (group commit: a commit per
 * message was a fifth of the handler's time), each in its own savepoint so a failing one rolls back only itself; a reply
 * is given only once the batch committed, and if that commit fails every message of the batch fails and WeCom
 * retries it. Concurrent retries of one message share one run.
 * @example const handle = createMessageHandler({ sqlite, respond: createRespond({ sqlite }) });
 */
export function createMessageHandler(deps: MessageDeps, options: GroupCommitOptions = {}): MessageHandler {
  const flight = createSingleFlight<Reply | null>();
  const commit = createGroupCommit(deps.sqlite, (message: InboundMessage) => processMessage(message, deps), options);
  return (message) => flight(dedupeKey(message), () => commit(message));
}
