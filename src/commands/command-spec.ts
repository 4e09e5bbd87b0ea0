import type { InboundMessage, Reply } from '../bot/inbound-message.js';
import type { CampConfig } from '../camp/camp-config.js';
import type { Db } from '../db/db.js';
import type { NewEvent, StoredEvent } from '../db/event-types.js';
import type { Role } from '../db/roster-store.js';
import type { Standings } from '../scoring/standings.js';

export type { Role };

/** Who sent the command; `roles` are their roles in the resolved camp (empty outside any camp). */
export interface CommandUser {
  userid: string;
  name: string;
  roles: Role[];
}

/** An event as a command records it: camp, actor, source and time are filled in from the context. */
export type CommandEvent = Omit<NewEvent, 'campId' | 'actor' | 'source' | 'happenedAt'> &
  Partial<Pick<NewEvent, 'actor' | 'happenedAt' | 'dedupeKey'>>;

/** What commands need from the server's configuration (never read from the environment at run time). */
export interface CommandSettings {
  /** Signs certificate codes; null when the operator has not set CERT_SECRET (publishing is refused then). */
  certSecret: string | null;
  /** Where certificate verification links point. */
  publicBaseUrl: string;
}

/** What every handler gets: who asked, where, when, the message's transaction, settings and the registry (for `/help`). */
export interface BaseCommandContext {
  /** The message's transaction: everything a handler records or queues goes through it. */
  db: Db;
  settings: CommandSettings;
  message: InboundMessage;
  /** When the command was received (ms); scoring "as of now" uses it. */
  now: number;
  /** When the message happened (its CreateTime, never later than arrival): the time events get. */
  at: number;
  user: CommandUser;
  commands: readonly CommandSpec[];
  /** The camp when one was resolved (always set for commands that need a camp). */
  campId: string | null;
  camp: CampConfig | null;
}

/** The context of a command that runs in a camp. */
export interface CommandContext extends BaseCommandContext {
  campId: string;
  camp: CampConfig;
  /**
   * Appends an event for this camp with the asker as actor, source `command`, happened at the message's time and a
   * dedupe key derived from the message; returns the stored event (its id is what the user is told, as `#id`).
   */
  record(event: CommandEvent): Promise<StoredEvent>;
  /** The camp's standings as of `now`, cached until the camp's ledger or config changes. */
  standings(): Promise<Standings>;
}

interface CommandSpecBase {
  /** English name without the slash, e.g. `me`; a sub-command is two words, e.g. `camp bind`. */
  name: string;
  /** Chinese aliases without the slash, e.g. `['我的']`; may be two words, e.g. `奖项 预览`. */
  aliases: string[];
  /** Who may run it; `all` means anyone. Checked before `run`; a violation changes nothing. */
  roles: Role[] | 'all';
  /** One usage line, e.g. `/score <metric> @user <value> [reason]`. */
  usage: string;
  /** A realistic example, e.g. `/记分 exam @张三 88`. */
  example: string;
  /** What it does, Chinese, one short line. */
  summary: string;
}

/**
 * One chat command (SPEC §3). `run` runs inside the message's transaction, in a savepoint, and awaits only the
 * storage layer through `ctx.db`: throw UsageError for a misuse — everything it recorded is rolled back and the user
 * sees the error's one line plus the usage. Return the answer (a string is sent as text).
 * @example export const meCommand: CommandSpec = { name: 'me', aliases: ['我的'], roles: ['learner'], …, run: (ctx) => '…' };
 */
export type CommandSpec = CampCommandSpec | FreeCommandSpec;

/** A command that runs in a camp (the usual kind). */
export interface CampCommandSpec extends CommandSpecBase {
  needsCamp?: true;
  run(ctx: CommandContext, args: string[]): Promise<Reply | string>;
}

/**
 * A command that also works without a camp (`/help`, `/camp bind`). It checks who may run it itself: `/camp bind`'s
 * asker needs a role in the camp it names, not in the one the chat is bound to. `roles` still decides `/help`.
 */
export interface FreeCommandSpec extends CommandSpecBase {
  needsCamp: false;
  run(ctx: BaseCommandContext, args: string[]): Promise<Reply | string>;
}
