import { type InboundMessage, isGroupMessage, type Reply } from '../bot/inbound-message.js';
import type { CommandSettings, CommandSpec } from '../commands/command-spec.js';
import { parseCommandLine } from '../commands/parse-command-line.js';
import { commands as registeredCommands } from '../commands/registry.js';
import { campIdForChat, loadCamp, rememberWebhook } from '../db/camp-store.js';
import type { Db } from '../db/db.js';
import { attachSubmission } from './attach-submission.js';
import type { Respond } from './handle-message.js';
import { recordParticipation } from './record-participation.js';
import { runCommand } from './run-command.js';
import { createStandingsCache, type StandingsCache } from './standings-cache.js';

export interface RespondDeps {
  /** What commands need of the server's configuration (certificate secret, public URL). */
  settings: CommandSettings;
  /** The chat commands (default: the registry). */
  commands?: readonly CommandSpec[];
  /** Shared standings cache (default: a new one). */
  standings?: StandingsCache;
  /** One-line operator log for unexpected handler failures (default console.error). */
  log?: (line: string) => void;
}

const WELCOME_EVENTS = new Set(['enter_agent', 'subscribe', 'enter_chat']);
const WELCOME = '你好，我是训练营助手 👋 发送 /帮助 查看可用命令，/我的 查看你的得分与排名。';
const ADDED_TO_GROUP = '大家好，我是训练营助手 👋 培训老师请 @我 发送 /绑定 <训练营id> 把本群绑定到训练营；发送 /帮助 查看命令。';
const DIRECT_HINT = '我只认识命令哦：发送 /帮助 查看可用命令';

function answerEvent(message: InboundMessage): Reply | null {
  if (WELCOME_EVENTS.has(message.event ?? '')) return { text: WELCOME };
  if (message.event === 'add_to_chat') return { text: ADDED_TO_GROUP };
  return null;
}

/** Plain group chat: a follow-up to `/submit`, or participation evidence; the group gets no answer either way. */
async function answerGroupChat(tx: Db, message: InboundMessage, now: number): Promise<Reply | null> {
  const campId = await campIdForChat(tx, message.chatId!);
  if (campId === null) return null;
  const attached = await attachSubmission(tx, message, campId, now);
  if (attached) return attached;
  const camp = await loadCamp(tx, campId);
  if (camp) await recordParticipation(tx, message, campId, camp, now);
  return null;
}

/**
 * The real message pipeline behind `handleMessage`: remembers group robot webhooks, welcomes app events, runs
 * commands (`/` or `／`, after any leading @mentions), attaches an image/link to a pending `/submit`, and counts plain
 * group messages as participation (without answering, to keep the group quiet).
 * @example const handle = createMessageHandler({ store, respond: createRespond({ settings }) });
 */
export function createRespond(deps: RespondDeps): Respond {
  const commandDeps = {
    settings: deps.settings,
    commands: deps.commands ?? registeredCommands,
    standings: deps.standings ?? createStandingsCache(),
    log: deps.log ?? ((line: string) => console.error(line)),
  };
  return async (tx, message, now) => {
    const group = isGroupMessage(message);
    if (group && message.webhookUrl) await rememberWebhook(tx, message.chatId!, message.webhookUrl);
    if (message.kind === 'event') return answerEvent(message);
    const line = parseCommandLine(message.text);
    if (line) return runCommand(tx, commandDeps, message, line.words, now);
    if (group) return answerGroupChat(tx, message, now);
    return (await attachSubmission(tx, message, null, now)) ?? (message.kind === 'text' ? { text: DIRECT_HINT } : null);
  };
}
