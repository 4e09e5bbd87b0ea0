import { dedupeKey, happenedAt, type InboundMessage } from '../bot/inbound-message.js';
import type { CampConfig } from '../camp/camp-config.js';
import type { BaseCommandContext, CommandContext, CommandSettings, CommandSpec, CommandUser } from '../commands/command-spec.js';
import type { Db } from '../db/db.js';
import { appendEvent } from '../db/ledger.js';
import type { StandingsCache } from './standings-cache.js';

export interface ContextInput {
  db: Db;
  settings: CommandSettings;
  message: InboundMessage;
  now: number;
  user: CommandUser;
  commands: readonly CommandSpec[];
}

/** A context without a camp (`/help` and `/camp bind` where no camp is resolved). */
export function baseContext(input: ContextInput): BaseCommandContext {
  return { ...input, at: happenedAt(input.message), campId: null, camp: null };
}

/**
 * A command's context in a camp. `record` appends with the asker as actor, source `command`, the message's time, and
 * dedupe keys `command:<channel>:<msgid>:<n>` (n counts the events this message records).
 */
export function campContext(input: ContextInput, campId: string, camp: CampConfig, standings: StandingsCache): CommandContext {
  const at = happenedAt(input.message);
  let recorded = 0;
  return {
    ...input,
    at,
    campId,
    camp,
    record(event) {
      const key = `command:${dedupeKey(input.message)}:${recorded++}`;
      return appendEvent(input.db, { actor: input.user.userid, happenedAt: at, dedupeKey: key, ...event, campId, source: 'command' }, input.now);
    },
    standings: () => standings.get(input.db, campId, input.now),
  };
}
