import { bindChat, chatBinding, type ChatBinding, loadCamp, rememberWebhook } from '../db/camp-store.js';
import { campsOfUser, rolesOf } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import { formatLocalTime } from '../camp/time-zone.js';
import type { BaseCommandContext, CommandSpec } from './command-spec.js';
import { nameOf } from './resolve-user.js';

const MOVE_WORDS = new Set(['迁移', 'move', '--move']);
const CAMP_FILE = 'camp-file';

async function isTrainerOf(ctx: BaseCommandContext, campId: string): Promise<boolean> {
  return (await rolesOf(ctx.db, campId, ctx.user.userid)).includes('trainer');
}

async function trainerCamps(ctx: BaseCommandContext): Promise<string[]> {
  return (await campsOfUser(ctx.db, ctx.user.userid)).filter((c) => c.roles.includes('trainer')).map((c) => c.campId);
}

function groupChatId(ctx: BaseCommandContext): string {
  const chatId = ctx.message.chatId;
  if (ctx.message.chatType !== 'group' || chatId === null) throw new UsageError('请在要绑定的群聊里 @我 发送此命令');
  return chatId;
}

/** True when the words after the camp id ask to move a bound chat (`迁移`). */
function wantsMove(words: string[]): boolean {
  if (words.length === 0) return false;
  if (words.length === 1 && MOVE_WORDS.has(words[0]!.toLowerCase())) return true;
  throw new UsageError(`不认识「${words.join(' ')}」（把本群改绑到另一个训练营时在末尾加「迁移」）`);
}

/** `本群已绑定到「名称」（id），由 张老师 于 2026-11-02 10:00 绑定` */
async function describeBinding(ctx: BaseCommandContext, binding: ChatBinding, timezone: string): Promise<string> {
  const bound = await loadCamp(ctx.db, binding.campId);
  const who = binding.boundBy === CAMP_FILE ? '训练营文件的 chats:' : await nameOf(ctx, binding.boundBy);
  const when = formatLocalTime(binding.boundAt, bound?.timezone ?? timezone);
  return `本群已绑定到「${bound?.name ?? binding.campId}」（${binding.campId}），由 ${who} 于 ${when} 绑定`;
}

/**
 * Why a chat bound to another camp may not move to `campId` now (null when it may): the move must be asked for with
 * `迁移` by a trainer of both camps, and a chat bound by a camp file moves only by editing the camp files.
 */
async function moveRefusal(ctx: BaseCommandContext, binding: ChatBinding, campId: string, timezone: string, move: boolean): Promise<string | null> {
  const current = await describeBinding(ctx, binding, timezone);
  if (binding.boundBy === CAMP_FILE) return `${current}；要改绑请修改训练营文件的 chats: 后重新 camp apply，本次未做任何更改`;
  const how = `两个训练营都由你负责时，发送 /绑定 ${campId} 迁移 即可改绑（或在训练营文件的 chats: 中配置）`;
  if (!move) return `${current}；${how}，本次未做任何更改`;
  if (!(await isTrainerOf(ctx, binding.campId))) return `${current}；只有同时是「${binding.campId}」和「${campId}」培训老师的人才能迁移，本次未做任何更改`;
  return null;
}

/**
 * `/camp bind <camp-id> [迁移]` — bind this group chat to a camp (a trainer of that camp, in the group). A chat bound
 * to another camp stays where it is unless a trainer of both camps adds `迁移`; binding again to the same camp is a
 * no-op.
 */
export const campBindCommand: CommandSpec = {
  name: 'camp bind',
  aliases: ['绑定'],
  roles: ['trainer'],
  needsCamp: false,
  usage: '/camp bind <训练营id> [迁移]（在群聊中；已绑定其他训练营时加「迁移」改绑）',
  example: '/绑定 ai-2026q4',
  summary: '把本群绑定到训练营',
  async run(ctx, [campId, ...rest]) {
    const chatId = groupChatId(ctx);
    const mine = await trainerCamps(ctx);
    const hint = mine.length > 0 ? `（你负责的训练营：${mine.join('、')}）` : '';
    if (campId === undefined) throw new UsageError(`缺少训练营 id${hint}`);
    const move = wantsMove(rest);
    const camp = await loadCamp(ctx.db, campId);
    if (!camp) throw new UsageError(`没有训练营「${campId}」${hint}`);
    const binding = await chatBinding(ctx.db, chatId);
    if (binding?.campId === campId) return `本群已绑定到「${camp.name}」（${campId}），无需再绑定`;
    if (!(await isTrainerOf(ctx, campId))) return `只有训练营「${campId}」的培训老师可以绑定，本次未做任何更改`;
    const refusal = binding ? await moveRefusal(ctx, binding, campId, camp.timezone, move) : null;
    if (refusal) return refusal;
    await bindChat(ctx.db, chatId, campId, ctx.user.userid, ctx.now);
    if (ctx.message.webhookUrl) await rememberWebhook(ctx.db, chatId, ctx.message.webhookUrl);
    const from = binding ? `从「${binding.campId}」迁移` : '绑定';
    return `已将本群${from}到「${camp.name}」（${campId}），群消息从现在起计入参与度。发送 /帮助 查看命令`;
  },
};
