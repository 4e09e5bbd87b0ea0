import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '../bot/inbound-message.js';
import type { CommandContext, CommandSpec } from '../commands/command-spec.js';
import type { Db } from '../db/db.js';
import type { StoredEvent } from '../db/event-types.js';
import { appendEvent } from '../db/ledger.js';
import { personName } from '../db/roster-store.js';
import type { CampRequest } from './api-router.js';
import type { ConsoleDeps } from './console-deps.js';

/**
 * Runs a chat command for a console request inside `tx`, so a console change is exactly the command's: the same
 * checks (its UsageError becomes a 400 with the command's one line) and the same events, source `command`, the
 * caller as actor, happened now. Returns the events it recorded.
 * @example const [event] = await runChatCommand(tx, req, deps, gradeCommand, ['#42', '90', '结构清晰']);
 */
export async function runChatCommand(tx: Db, req: CampRequest, deps: ConsoleDeps, spec: CommandSpec, args: string[]): Promise<StoredEvent[]> {
  const request = `console:${randomUUID()}`;
  const recorded: StoredEvent[] = [];
  const ctx: CommandContext = {
    db: tx,
    settings: { certSecret: deps.settings.certSecret, publicBaseUrl: deps.settings.publicBaseUrl },
    message: consoleMessage(request, req.userid, req.now),
    now: req.now,
    at: req.now,
    user: { userid: req.userid, name: (await personName(tx, req.userid)) ?? req.userid, roles: req.roles },
    commands: [],
    campId: req.campId,
    camp: req.camp,
    async record(event) {
      const dedupeKey = `${request}:${recorded.length}`;
      const stored = await appendEvent(tx, { actor: req.userid, happenedAt: req.now, dedupeKey, ...event, campId: req.campId, source: 'command' }, req.now);
      recorded.push(stored);
      return stored;
    },
    standings: () => deps.standings(tx, req.campId, req.now),
  };
  await spec.run(ctx, args);
  return recorded;
}

/** The request as a 1:1 message (what a command may read of its message: nothing but the asker and the time). */
function consoleMessage(msgId: string, userid: string, now: number): InboundMessage {
  return { channel: 'app', msgId, from: { userid }, chatId: null, chatType: 'single', kind: 'text', text: '', createdAt: now, receivedAt: now };
}
