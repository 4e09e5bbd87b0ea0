import { bindChat, campIdForChat, loadCamp, rememberWebhook } from '../db/camp-store.js';
import { campsOfUser, rolesOf } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import type { BaseCommandContext, CommandSpec } from './command-spec.js';

function trainerCamps(ctx: BaseCommandContext): string[] {
  return campsOfUser(ctx.sqlite, ctx.user.userid).filter((c) => c.roles.includes('trainer')).map((c) => c.campId);
}

/** `/camp bind <camp-id>` — bind this group chat to a camp (a trainer of that camp, in the group). */
export const campBindCommand: CommandSpec = {
  name: 'camp bind',
  aliases: ['绑定'],
  roles: ['trainer'],
  needsCamp: false,
  usage: '/camp bind <训练营id>（在群聊中）',
  example: '/绑定 ai-2026q4',
  summary: '把本群绑定到训练营',
  run(ctx, [campId]) {
    const chatId = ctx.message.chatId;
    if (ctx.message.chatType !== 'group' || chatId === null) throw new UsageError('请在要绑定的群聊里 @我 发送此命令');
    const mine = trainerCamps(ctx);
    const hint = mine.length > 0 ? `（你负责的训练营：${mine.join('、')}）` : '';
    if (campId === undefined) throw new UsageError(`缺少训练营 id${hint}`);
    const camp = loadCamp(ctx.sqlite, campId);
    if (!camp) throw new UsageError(`没有训练营「${campId}」${hint}`);
    if (!rolesOf(ctx.sqlite, campId, ctx.user.userid).includes('trainer')) {
      return `只有训练营「${campId}」的培训老师可以绑定，本次未做任何更改`;
    }
    if (campIdForChat(ctx.sqlite, chatId) === campId) return `本群已绑定到「${camp.name}」（${campId}）`;
    bindChat(ctx.sqlite, chatId, campId, ctx.user.userid, ctx.now);
    if (ctx.message.webhookUrl) rememberWebhook(ctx.sqlite, chatId, ctx.message.webhookUrl, ctx.now);
    return `已将本群绑定到「${camp.name}」（${campId}），群消息从现在起计入参与度。发送 /帮助 查看命令`;
  },
};
