import type Sqlite from 'better-sqlite3';
import { dedupeKey, type InboundMessage, type MessageHandler, type Reply } from '../bot/inbound-message.js';
import { findProcessedReply, markProcessed } from '../db/processed-messages.js';
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

/**
 * Processes one message exactly once: a message already processed gets its stored reply and changes nothing;
 * otherwise `respond` runs in one immediate transaction that also marks the message processed.
 * @example const reply = handleMessage(message, { sqlite, respond });
 */
export function handleMessage(message: InboundMessage, deps: MessageDeps): Reply | null {
  const key = dedupeKey(message);
  const now = deps.now?.() ?? Date.now();
  return deps.sqlite
    .transaction(() => {
      const done = findProcessedReply(deps.sqlite, key);
      if (done !== undefined) return done;
      const reply = deps.respond(message, now);
      markProcessed(deps.sqlite, key, reply, now);
      return reply;
    })
    .immediate();
}

/** The transport-facing handler: `handleMessage` with concurrent retries of one message sharing one run. */
export function createMessageHandler(deps: MessageDeps): MessageHandler {
  const flight = createSingleFlight<Reply | null>();
  return (message) => flight(dedupeKey(message), async () => handleMessage(message, deps));
}
