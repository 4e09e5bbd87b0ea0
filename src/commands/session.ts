import { UsageError } from '../errors.js';
import { requestSource } from '../sources/request-source.js';
import type { CommandContext, CommandSpec } from './command-spec.js';
import { liveEvents, openSession } from '../db/ledger-queries.js';
import { halfOf, sourceSchedule } from './source-schedule.js';

const OPEN = new Set(['open', '开始', '开启', '开']);
const CLOSE = new Set(['close', '结束', '关闭', '关']);
const MEETING = new Set(['会议', 'meeting']);
const MAX_NAME = 40;
/** WeCom's limit for a meeting title. */
const MAX_TITLE = 20;

/** `<name>`, or `<name> 会议 [分钟]`: the session's name and, for a meeting, its length in minutes. */
function parseOpen(ctx: CommandContext, words: string[]): { name: string; meetingMinutes: number | null } {
  const at = words.length - (words.length > 2 && !MEETING.has(words.at(-1)!.toLowerCase()) ? 2 : 1);
  const plain = { name: words.join(' ').trim(), meetingMinutes: null };
  if (at < 1 || !MEETING.has(words[at]!.toLowerCase())) return plain;
  const { words: leftover, minutes } = sourceSchedule(words.slice(at + 1), ctx.now, ctx.camp.timezone, false);
  return leftover.length > 0 ? plain : { name: words.slice(0, at).join(' ').trim(), meetingMinutes: minutes };
}

async function open(ctx: CommandContext, words: string[]): Promise<string> {
  const { name, meetingMinutes } = parseOpen(ctx, words);
  if (!name) throw new UsageError('缺少课次名称');
  if (name.length > MAX_NAME) throw new UsageError(`课次名称最长 ${MAX_NAME} 个字`);
  const current = await openSession(ctx.db, ctx.campId);
  if (current) throw new UsageError(`课次「${current.ref}」还在进行中，请先 /session close`);
  if ((await liveEvents(ctx.db, ctx.campId, 'session_open', { ref: name })).length > 0) {
    throw new UsageError(`课次「${name}」已开过，请换一个名称`);
  }
  const event = await ctx.record({ type: 'session_open', ref: name });
  const opened = `课次「${name}」已开始，学员可发送 /签到，已记录 #${event.id}`;
  if (meetingMinutes === null) return opened;
  await requestMeeting(ctx, name, meetingMinutes);
  const where = ctx.message.chatType === 'group' ? '群里' : '这里';
  return `${opened}；正在创建企业微信会议（${meetingMinutes} 分钟，在会满 ${halfOf(meetingMinutes)} 分钟自动签到，会后自动结束课次），入会链接稍后发到${where}`;
}

/** Queues the meeting's creation with the session (WeCom is called after the commit, by the outbox). */
function requestMeeting(ctx: CommandContext, name: string, minutes: number): Promise<number> {
  return requestSource(ctx.db, {
    campId: ctx.campId,
    kind: 'meeting',
    target: name,
    title: [...name].slice(0, MAX_TITLE).join(''),
    startsAt: ctx.now,
    durationS: minutes * 60,
    minMinutes: halfOf(minutes),
    requestedBy: ctx.user.userid,
    chatId: ctx.message.chatType === 'group' ? ctx.message.chatId : null,
  }, ctx.now);
}

async function close(ctx: CommandContext): Promise<string> {
  const current = await openSession(ctx.db, ctx.campId);
  if (!current?.ref) throw new UsageError('当前没有进行中的课次');
  const attended = (await liveEvents(ctx.db, ctx.campId, 'checkin', { ref: current.ref })).length;
  const event = await ctx.record({ type: 'session', ref: current.ref });
  return `课次「${current.ref}」已结束，共 ${attended} 人签到，已记录 #${event.id}`;
}

/** `/session open <name> [会议 [分钟]]`, `/session close` — open or close an attendance session, optionally as a WeCom meeting. */
export const sessionCommand: CommandSpec = {
  name: 'session',
  aliases: ['课次'],
  roles: ['trainer'],
  usage: '/session open <名称> [会议 [分钟]] | /session close',
  example: '/课次 开始 第3课 会议 90',
  summary: '开始/结束一个签到课次；加「会议」则创建企业微信会议，按在会时长自动签到',
  async run(ctx, [action, ...rest]) {
    const word = action?.toLowerCase() ?? '';
    if (OPEN.has(word)) return open(ctx, rest);
    if (CLOSE.has(word)) return close(ctx);
    throw new UsageError(action ? `不认识「${action}」，请用 open 或 close` : '缺少 open 或 close');
  },
};
