import type Sqlite from 'better-sqlite3';
import type { InboundMessage, Reply } from '../bot/inbound-message.js';
import type { CampConfig } from '../camp/camp-config.js';
import type { NewEvent, StoredEvent } from '../db/event-types.js';

export type Role = 'learner' | 'trainer' | 'manager' | 'admin';

/** What a command's handler gets: who asked, in which camp, and how to record what it changes. */
export interface CommandContext {
  sqlite: Sqlite.Database;
  message: InboundMessage;
  /** When the command was received (ms). */
  now: number;
  user: { userid: string; name: string; roles: Role[] };
  campId: string;
  camp: CampConfig;
  /**
   * Appends an event for this camp with the asker as actor, source `command`, happened at the message's time and a
   * dedupe key derived from the message; returns the stored event (its id is what the user is told).
   */
  record(event: Omit<NewEvent, 'campId' | 'actor' | 'source' | 'happenedAt'> & Partial<Pick<NewEvent, 'actor' | 'happenedAt'>>): StoredEvent;
}

/** One chat command (SPEC §3). The registry builds `/help` from these. */
export interface CommandSpec {
  /** English name without the slash, e.g. `me`. */
  name: string;
  /** Chinese aliases without the slash, e.g. `['我的']`. */
  aliases: string[];
  /** Who may run it; `all` means anyone in the camp. */
  roles: Role[] | 'all';
  /** One usage line, e.g. `/score <metric> @user <value> [reason]`. */
  usage: string;
  /** A realistic example, e.g. `/记分 exam @张三 88`. */
  example: string;
  /** What it does, Chinese, one short line. */
  summary: string;
  /** False for commands that work without a camp (e.g. `/help`, `/camp bind`). */
  needsCamp?: boolean;
  /**
   * Synchronous: it runs inside the message's transaction. Throw UsageError for a misuse — everything it recorded
   * is rolled back and the user sees the error's one line plus the usage.
   */
  run(ctx: CommandContext, args: string[]): Reply | string;
}
